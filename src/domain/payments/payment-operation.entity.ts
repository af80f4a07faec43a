import type { Opt } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, Property, Trigger, Unique } from '@mikro-orm/decorators/legacy';
import type { CurrencyCode } from '../../kernel/money';
import { DeclineReasonCode } from '../../providers/decline-codes';
import { BaseEntity } from '../base.entity';
import { endedOnceTrigger, NOT_RECEIVED_WHERE, sameSiteTrigger, settledOnceTrigger } from '../integrity-triggers';
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
 * counts as reserved, so a concurrent capture cannot exceed the authorization; the reconciler resolves it.
 */
@Entity({ tableName: 'payment_operation' })
@Check({ name: 'payment_operation_amount_positive', expression: 'amount_minor > 0' })
@Check({ name: 'payment_operation_currency_format', expression: "currency ~ '^[A-Z]{3}$'" })
@Check({ name: 'payment_operation_single_capture_kind', expression: "not single_capture or kind = 'CAPTURE'" })
@Index({ name: 'payment_operation_open_sweep_index', properties: ['status', 'createdAt'], where: "status in ('PENDING', 'OUTCOME_UNKNOWN')" })
@Unique({ name: 'payment_operation_one_single_capture', properties: ['transaction'], where: "single_capture and status <> 'FAILED'" })
@Unique({ name: 'payment_operation_one_open_cancel', properties: ['transaction'], where: "kind = 'CANCEL' and status in ('PENDING', 'OUTCOME_UNKNOWN')" })
@Trigger(sameSiteTrigger('payment_operation', ['transaction']))
@Trigger(settledOnceTrigger('payment_operation'))
@Trigger(endedOnceTrigger('payment_operation'))
@Index({ name: 'payment_operation_inferred_end_index', properties: ['updatedAt'], where: NOT_RECEIVED_WHERE })
@Index({ properties: ['providerTransactionId'] })
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

  /**
   * Set on a capture sent to a provider that captures an authorization once: the database then refuses a second
   * capture of the transaction that has not failed (a partial unique index; the capability itself lives in code).
   */
  @Property({ type: 'boolean', default: false })
  singleCapture: Opt<boolean> = false;
  /** When the provider call started (database clock, set as phase 1 commits): "not found" is judged from here. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  callStartedAt: Opt<Date> = new Date();

  @Property({ type: 'text', nullable: true })
  providerTransactionId?: string;

  @Property({ type: 'text', nullable: true })
  failureCode?: string;

  @Property({ type: 'text', nullable: true })
  failureReason?: string;

  /** failureCode in the provider-neutral vocabulary, set with it. */
  @Enum({ items: () => DeclineReasonCode, nullable: true })
  failureReasonCode?: DeclineReasonCode;
}
