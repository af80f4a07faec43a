import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { ScheduledPayment, type ScheduledPaymentStatus } from './scheduled-payment.entity';
import { webhookTrigger } from '../webhooks/webhook-triggers';

/** One row per step of a scheduled payment (scheduled, run started, paid, declined, cancelled); appended, never rewritten. */
@Entity({ tableName: 'scheduled_payment_event' })
@Trigger(webhookTrigger('scheduled_payment_event', ['insert']))
export class ScheduledPaymentEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ScheduledPayment, { index: true })
  scheduledPayment!: ScheduledPayment;

  @Property({ type: 'text' })
  type!: string;

  @Property({ type: 'text', nullable: true })
  fromStatus?: ScheduledPaymentStatus;

  @Property({ type: 'text', nullable: true })
  toStatus?: ScheduledPaymentStatus;

  @Property({ type: 'text', nullable: true })
  message?: string;

  @Property({ type: 'jsonb', nullable: true })
  data?: Record<string, unknown>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
