import type { Opt } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, Property, Trigger } from '@mikro-orm/decorators/legacy';
import type { CurrencyCode } from '../../kernel/money';
import { DeclineReasonCode } from '../../providers/decline-codes';
import { BaseEntity } from '../base.entity';
import { Customer } from '../customers/customer.entity';
import { PaymentMethod } from '../payment-methods/payment-method.entity';
import { endedOnceTrigger, NOT_RECEIVED_WHERE, sameSiteTrigger, settledOnceTrigger } from '../integrity-triggers';
import { notifyChangeTrigger } from '../live/change-triggers';
import { Site } from '../sites/site.entity';
import { webhookTrigger } from '../webhooks/webhook-triggers';

export enum PayoutStatus {
  PENDING = 'PENDING',
  VALIDATED = 'VALIDATED',
  OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN',
  SUCCEEDED = 'SUCCEEDED',
  DECLINED = 'DECLINED',
  FAILED = 'FAILED',
}

/** The steps of a payout whose provider validates first (PayoutsFacet.validate). */
export enum PayoutStep {
  /** Moves no money: a crash during it may be followed by asking, or by validating again. */
  VALIDATE = 'validate',
  /** Moves money: once begun it is never sent again; recovery asks the provider. */
  PAYOUT = 'payout',
}

@Entity({ tableName: 'payout' })
@Index({ properties: ['provider', 'providerTransactionId'] })
@Index({ properties: ['site', 'createdAt'] })
@Check({ name: 'payout_amount_positive', expression: 'amount_minor > 0' })
@Check({ name: 'payout_currency_format', expression: "currency ~ '^[A-Z]{3}$'" })
@Index({ name: 'payout_open_sweep_index', properties: ['status', 'createdAt'], where: "status in ('PENDING', 'VALIDATED', 'OUTCOME_UNKNOWN')" })
@Trigger(sameSiteTrigger('payout', ['customer', 'payment_method']))
@Trigger(settledOnceTrigger('payout'))
@Trigger(endedOnceTrigger('payout'))
@Index({ name: 'payout_inferred_end_index', properties: ['updatedAt'], where: NOT_RECEIVED_WHERE })
@Trigger(notifyChangeTrigger('payout'))
@Trigger(webhookTrigger('payout', ['insert', 'update']))
export class Payout extends BaseEntity {
  @ManyToOne(() => Site)
  site!: Site;

  @ManyToOne(() => Customer, { nullable: true, index: true })
  customer?: Customer;

  @ManyToOne(() => PaymentMethod, { nullable: true })
  paymentMethod?: PaymentMethod;

  @Property({ type: 'text' })
  provider!: string;

  @Property({ type: 'bigint' })
  amountMinor!: bigint;

  @Property({ type: 'string', columnType: 'character(3)' })
  currency!: CurrencyCode;

  @Enum({ items: () => PayoutStatus })
  status: Opt<PayoutStatus> = PayoutStatus.PENDING;

  @Property({ type: 'text', unique: true })
  reference!: string;

  /** When the provider call started (database clock, set as phase 1 commits): "not found" is judged from here. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  callStartedAt: Opt<Date> = new Date();

  @Property({ type: 'text', nullable: true })
  providerTransactionId?: string;

  /**
   * For a payout in steps (validate, then pay out: PayoutStep), the step in flight or last made; set and
   * committed before its call is sent. Null for a payout of one call.
   */
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

  /**
   * Validated only (createPayout validateOnly): once VALIDATED it waits for capturePayout; neither the request
   * nor the reconciler pays it out on its own.
   */
  @Property({ type: 'boolean', default: false })
  validateOnly: Opt<boolean> = false;
}
