import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { PaymentOperationKind, PaymentOperationStatus, type PaymentOperation } from '../../domain/payments/payment-operation.entity';
import { MoneyMovementNode, movementFields } from '../common/money-movement.type';

registerEnumType(PaymentOperationKind, { name: 'PaymentOperationKind', description: 'A capture of an authorization, or its cancellation (void).' });
registerEnumType(PaymentOperationStatus, {
  name: 'PaymentOperationStatus',
  valuesConfig: {
    PENDING: { description: 'Sent, or about to be; the gateway asks the provider if no answer is recorded after the provider deadline.' },
    OUTCOME_UNKNOWN: {
      description:
        'The provider did not answer (timeout, lost connection): it may have happened. The gateway asks the provider for the status and moves it; retry with the same idempotency key to see where it stands, never with a new one.',
    },
    SUCCEEDED: { description: 'The provider confirmed it.' },
    FAILED: { description: 'The provider refused it, or certainly never received it; nothing moved.' },
  },
});

@ObjectType('PaymentOperation', { description: 'A capture or a cancellation sent to the provider for a payment, with its own reference and outcome.' })
export class PaymentOperationType extends MoneyMovementNode {
  @Field(() => PaymentOperationKind)
  kind!: PaymentOperationKind;

  @Field(() => PaymentOperationStatus)
  status!: PaymentOperationStatus;

  static from(op: PaymentOperation): PaymentOperationType {
    return Object.assign(new PaymentOperationType(), {
      ...movementFields('PaymentOperation', op),
      kind: op.kind,
      status: op.status,
      failureCode: op.failureCode ?? null,
      failureReason: op.failureReason ?? null,
    });
  }
}
