import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { CurrencyCode } from '../money';
import { BaseEntity } from '../base.entity';
import { Site } from '../sites/site.entity';
import { Transaction } from '../transactions/transaction.entity';

export enum PaymentOperationKind {
  CAPTURE = 'CAPTURE',
  CANCEL = 'CANCEL',
}

export enum PaymentOperationStatus {
  PENDING = 'PENDING',
  OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}

/**
 * A capture or a void sent to the provider, with its own reference. While PENDING or OUTCOME_UNKNOWN its amount
 * counts as reserved, so a concurrent capture cannot exceed the authorization; the reconciler settles it.
 */
@Entity({ tableName: 'payment_operation' })
export class PaymentOperation extends BaseEntity {
  @ManyToOne(() => Site)
  site!: Site;

  @ManyToOne(() => Transaction, { index: true })
  transaction!: Transaction;

  @Enum({ items: () => PaymentOperationKind })
  kind!: PaymentOperationKind;

  @Enum({ items: () => PaymentOperationStatus })
  status: Opt<PaymentOperationStatus> = PaymentOperationStatus.PENDING;

  @Property({ type: 'bigint' })
  amountMinor!: bigint;

  @Property({ type: 'string', columnType: 'character(3)' })
  currency!: CurrencyCode;

  @Property({ type: 'text', unique: true })
  reference!: string;

  /** When the provider call started (database clock, set as phase 1 commits): "not found" is judged from here. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  callStartedAt: Opt<Date> = new Date();

  @Property({ type: 'text', nullable: true })
  providerOperationId?: string;

  @Property({ type: 'text', nullable: true })
  failureCode?: string;

  @Property({ type: 'text', nullable: true })
  failureReason?: string;
}
