import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  PaymentMethodStatus,
  PaymentMethodType as MethodType,
  type PaymentMethod,
} from '../../domain/payment-methods/payment-method.entity';
import { ConnectionType } from '../common/connection';
import { Node } from '../common/node';
import { RecordNode, recordNode } from '../common/record-node.type';

registerEnumType(MethodType, { name: 'PaymentMethodType', description: 'What kind of method: card, bank account or wallet.' });
registerEnumType(PaymentMethodStatus, { name: 'PaymentMethodStatus' });

@ObjectType('PaymentMethod', {
  implements: Node,
  description: 'A saved payment method: brand, first six, last four and expiry, never the card number or CVV.',
})
export class PaymentMethodType extends RecordNode {
  /** Relation ids, kept off the schema; field resolvers load relations by them. */
  customerDbId!: string | null;

  @Field({ description: 'Provider key that holds the token (see the providers query).' })
  provider!: string;

  @Field(() => MethodType)
  type!: MethodType;

  @Field(() => PaymentMethodStatus)
  status!: PaymentMethodStatus;

  @Field(() => String, { nullable: true, description: 'Card brand, e.g. VISA.' })
  brand!: string | null;

  @Field(() => String, { nullable: true, description: 'First six digits of the card number (BIN).' })
  first6!: string | null;

  @Field(() => String, { nullable: true })
  last4!: string | null;

  @Field(() => Int, { nullable: true })
  expMonth!: number | null;

  @Field(() => Int, { nullable: true })
  expYear!: number | null;

  @Field(() => String, { nullable: true })
  holderName!: string | null;

  @Field(() => Date, { nullable: true })
  removedAt!: Date | null;

  static from(method: PaymentMethod): PaymentMethodType {
    const node = recordNode(PaymentMethodType, 'PaymentMethod', method);
    node.customerDbId = method.customer?.id ?? null;
    node.provider = method.provider;
    node.type = method.type;
    node.status = method.status;
    node.brand = method.brand ?? null;
    node.first6 = method.first6?.trim() ?? null;
    node.last4 = method.last4?.trim() ?? null;
    node.expMonth = method.expMonth ?? null;
    node.expYear = method.expYear ?? null;
    node.holderName = method.holderName ?? null;
    node.removedAt = method.removedAt ?? null;
    return node;
  }
}

export const PaymentMethodConnection = ConnectionType(PaymentMethodType, 'PaymentMethod');
