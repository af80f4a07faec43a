import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Trigger } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { notifyChangeTrigger } from '../live/change-triggers';
import { Transaction } from './transaction.entity';
import { TransactionStatus } from './transaction-status';
import type { TransactionEventTypeValue } from './transaction-event-type';
import { webhookTrigger } from '../webhooks/webhook-triggers';

/** One row per transition or money movement on a transaction; history is appended, never rewritten. */
@Entity({ tableName: 'transaction_event' })
@Trigger(notifyChangeTrigger('transaction_event'))
@Trigger(webhookTrigger('transaction_event', ['insert']))
export class TransactionEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Transaction, { index: true })
  transaction!: Transaction;

  /** Text in the database; only the engine's kinds (TransactionEventType) are written. */
  @Property({ type: 'text' })
  type!: TransactionEventTypeValue;

  @Property({ type: 'text', nullable: true })
  fromStatus?: TransactionStatus;

  @Property({ type: 'text', nullable: true })
  toStatus?: TransactionStatus;

  @Property({ type: 'bigint', nullable: true })
  amountMinor?: bigint;

  @Property({ type: 'text', nullable: true })
  message?: string;

  @Property({ type: 'jsonb', nullable: true })
  data?: Record<string, unknown>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
