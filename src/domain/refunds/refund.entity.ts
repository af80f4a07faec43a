import type { Opt } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, Property, Trigger } from '@mikro-orm/decorators/legacy';
import type { CurrencyCode } from '../../kernel/money';
import { DeclineReasonCode } from '../../providers/decline-codes';
import { BaseEntity } from '../base.entity';
import { endedOnceTrigger, NOT_RECEIVED_WHERE, sameSiteTrigger, settledOnceTrigger } from '../integrity-triggers';
import { Site } from '../sites/site.entity';
import { Transaction } from '../transactions/transaction.entity';
import { webhookTrigger } from '../webhooks/webhook-triggers';

export enum RefundStatus {
  PENDING = 'PENDING',
  /** The provider accepted the refund's validation; nothing moved yet (RefundsFacet.validates). */
  VALIDATED = 'VALIDATED',
  OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN',
  SUCCEEDED = 'SUCCEEDED',
  /** The provider refused it (failureCode, failureField): nothing moved. */
  DECLINED = 'DECLINED',
  FAILED = 'FAILED',
}

/** The steps of a refund whose provider validates first (RefundsFacet.validate), as PayoutStep. */
export enum RefundStep {
  VALIDATE = 'validate',
  CAPTURE = 'capture',
}

@Entity({ tableName: 'refund' })
@Check({ name: 'refund_amount_positive', expression: 'amount_minor > 0' })
@Check({ name: 'refund_currency_format', expression: "currency ~ '^[A-Z]{3}$'" })
@Index({ name: 'refund_open_sweep_index', properties: ['status', 'createdAt'], where: "status in ('PENDING', 'VALIDATED', 'OUTCOME_UNKNOWN')" })
@Trigger(sameSiteTrigger('refund', ['transaction']))
@Trigger(settledOnceTrigger('refund'))
@Trigger(endedOnceTrigger('refund'))
@Index({ name: 'refund_inferred_end_index', properties: ['updatedAt'], where: NOT_RECEIVED_WHERE })
@Index({ properties: ['providerTransactionId'] })
@Trigger(webhookTrigger('refund', ['insert', 'update']))
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
  providerTransactionId?: string;

  /** For a refund in steps (validate, then capture): the step in flight or last made, committed before its call. */
  @Property({ type: 'text', nullable: true })
  step?: string;

  @Property({ type: 'text', nullable: true })
  failureCode?: string;

  @Property({ type: 'text', nullable: true })
  failureReason?: string;

  /** failureCode in the provider-neutral vocabulary, set with it. */
  @Enum({ items: () => DeclineReasonCode, nullable: true })
  failureReasonCode?: DeclineReasonCode;

  /** What a refusal concerns, when the provider says (RefusalField): the caller's userError field. */
  @Property({ type: 'text', nullable: true })
  failureField?: string;
}
