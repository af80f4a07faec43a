import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ScheduledPaymentStatus, type ScheduledPayment } from '../../domain/scheduled-payments/scheduled-payment.entity';
import { ConnectionType } from '../common/connection';
import { Money } from '../common/money.type';
import { Node } from '../common/node';
import { RecordNode, recordFields } from '../common/record-node.type';

registerEnumType(ScheduledPaymentStatus, { name: 'ScheduledPaymentStatus' });

@ObjectType('ScheduledPayment', { implements: Node, description: 'A payment set to run later with a saved method.' })
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

  @Field()
  scheduledFor!: Date;

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
      providerScheduleId: scheduled.providerScheduleId ?? null,
    });
  }
}

export const ScheduledPaymentConnection = ConnectionType(ScheduledPaymentType, 'ScheduledPayment');
