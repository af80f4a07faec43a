import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { CurrencyCode } from '../money';
import { BaseEntity } from '../base.entity';
import { Site } from '../sites/site.entity';
import { Transaction } from '../transactions/transaction.entity';

export enum RefundStatus {
  PENDING = 'PENDING',
  OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

@Entity({ tableName: 'refund' })
export class Refund extends BaseEntity {
  @ManyToOne(() => Site)
  site!: Site;

  @ManyToOne(() => Transaction, { index: true })
  transaction!: Transaction;

  @Property({ type: 'bigint' })
  amountMinor!: bigint;

  @Property({ type: 'string', columnType: 'character(3)' })
  currency!: CurrencyCode;

  @Property({ type: 'text', nullable: true })
  reason?: string;

  @Enum({ items: () => RefundStatus })
  status: Opt<RefundStatus> = RefundStatus.PENDING;

  @Property({ type: 'text', unique: true })
  reference!: string;

  /** When the provider call started (database clock, set as phase 1 commits): "not found" is judged from here. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  callStartedAt: Opt<Date> = new Date();

  @Property({ type: 'text', nullable: true })
  providerRefundId?: string;

  @Property({ type: 'text', nullable: true })
  failureCode?: string;

  @Property({ type: 'text', nullable: true })
  failureReason?: string;
}
