import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ScheduledPaymentRunner, ScheduledPaymentStatus, type ScheduledPayment } from '../../domain/scheduled-payments/scheduled-payment.entity';
import { ConnectionType } from '../common/connection';
import { Money } from '../common/money.type';
import { Node } from '../common/node';
import { RecordNode, recordFields } from '../common/record-node.type';

registerEnumType(ScheduledPaymentStatus, { name: 'ScheduledPaymentStatus' });
registerEnumType(ScheduledPaymentRunner, {
  name: 'ScheduledPaymentRunner',
  description: 'Who pays it at the due time: the gateway (with the saved method, through the payments engine) or the provider (native scheduling).',
});

@ObjectType('ScheduledPayment', {
  implements: Node,
  description: 'A payment set to run later with a saved method, the same for every provider: run by the gateway or by the provider (runBy).',
})
export class ScheduledPaymentType extends RecordNode {
  /** Relation ids, kept off the schema; field resolvers load relations by them. */
  orderDbId!: string | null;
  customerDbId!: string | null;
  paymentMethodDbId!: string | null;
  transactionDbId!: string | null;

  @Field()
  provider!: string;

  @Field(() => Money)
  amount!: Money;

  @Field({ description: 'The due time. A provider that schedules by calendar day has the start of that day (UTC).' })
  scheduledFor!: Date;

  @Field(() => ScheduledPaymentRunner)
  runBy!: ScheduledPaymentRunner;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it FAILED: the decline code of its transaction, or the reason no payment could be made (e.g. the order was paid meanwhile).' })
  failureCode!: string | null;

  @Field(() => String, { nullable: true })
  failureMessage!: string | null;

  @Field(() => ScheduledPaymentStatus)
  status!: ScheduledPaymentStatus;

  @Field(() => String, { nullable: true, description: "The provider's id when it schedules natively (paynearme)." })
  providerScheduleId!: string | null;

  static from(scheduled: ScheduledPayment): ScheduledPaymentType {
    return Object.assign(new ScheduledPaymentType(), {
      ...recordFields('ScheduledPayment', scheduled),
      orderDbId: scheduled.order?.id ?? null,
      customerDbId: scheduled.customer?.id ?? null,
      paymentMethodDbId: scheduled.paymentMethod?.id ?? null,
      transactionDbId: scheduled.transaction?.id ?? null,
      provider: scheduled.provider,
      amount: Money.of(BigInt(scheduled.amountMinor), scheduled.currency),
      scheduledFor: scheduled.scheduledFor,
      status: scheduled.status,
      runBy: scheduled.runBy,
      description: scheduled.description ?? null,
      failureCode: scheduled.failureCode ?? null,
      failureMessage: scheduled.failureMessage ?? null,
      providerScheduleId: scheduled.providerScheduleId ?? null,
    });
  }
}

export const ScheduledPaymentConnection = ConnectionType(ScheduledPaymentType, 'ScheduledPayment');
