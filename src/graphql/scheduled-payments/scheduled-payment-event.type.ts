import { Field, ObjectType } from 'type-graphql';
import type { ScheduledPaymentEvent } from '../../domain/scheduled-payments/scheduled-payment-event.entity';
import { ScheduledPaymentStatus } from '../../domain/scheduled-payments/scheduled-payment.entity';
import { ConnectionType } from '../common/connection';

@ObjectType('ScheduledPaymentEvent', { description: 'One entry of a scheduled payment history (scheduled, run started, paid, declined, cancelled). Never rewritten.' })
export class ScheduledPaymentEventType {
  @Field({ description: 'What happened: scheduled, scheduled_at_provider, run_started, run_resumed, payment_pending, paid, declined, payment_refused, cancelled, …' })
  type!: string;

  @Field(() => ScheduledPaymentStatus, { nullable: true })
  fromStatus!: ScheduledPaymentStatus | null;

  @Field(() => ScheduledPaymentStatus, { nullable: true })
  toStatus!: ScheduledPaymentStatus | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field()
  createdAt!: Date;

  static from(event: ScheduledPaymentEvent): ScheduledPaymentEventType {
    return Object.assign(new ScheduledPaymentEventType(), {
      type: event.type,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      message: event.message ?? null,
      createdAt: event.createdAt,
    });
  }
}

export const ScheduledPaymentEventConnection = ConnectionType(ScheduledPaymentEventType, 'ScheduledPaymentEvent');
