import type { Opt } from '@mikro-orm/core';
import { Check, Entity, Enum, Index, ManyToOne, Property, Trigger } from '@mikro-orm/decorators/legacy';
import { DeclineReasonCode } from '../../providers/decline-codes';
import type { CurrencyCode } from '../../kernel/money';
import { BaseEntity } from '../base.entity';
import { Customer } from '../customers/customer.entity';
import { Order } from '../orders/order.entity';
import { PaymentMethod } from '../payment-methods/payment-method.entity';
import { Site } from '../sites/site.entity';
import { endedOnceTrigger, PAYMENT_NOT_RECEIVED_WHERE, sameSiteTrigger } from '../integrity-triggers';
import { TransactionKind, TransactionStatus } from './transaction-status';

@Entity({ tableName: 'transaction' })
/** Callbacks find a payment by the provider's id. */
@Index({ properties: ['provider', 'providerTransactionId'] })
@Index({ properties: ['site', 'createdAt'] })
@Index({ properties: ['status', 'updatedAt'] })
@Check({ name: 'transaction_amount_positive', expression: 'amount_minor > 0' })
@Check({ name: 'transaction_captured_within_amount', expression: 'captured_minor >= 0 and captured_minor <= amount_minor' })
@Check({ name: 'transaction_refunded_within_captured', expression: 'refunded_minor >= 0 and refunded_minor <= captured_minor' })
@Check({ name: 'transaction_fee_not_negative', expression: 'fee_minor >= 0' })
@Check({ name: 'transaction_currency_format', expression: "currency ~ '^[A-Z]{3}$'" })
@Trigger(sameSiteTrigger('transaction', ['order', 'customer', 'payment_method']))
@Trigger(endedOnceTrigger('transaction'))
@Index({ name: 'transaction_inferred_end_index', properties: ['updatedAt'], where: PAYMENT_NOT_RECEIVED_WHERE })
export class Transaction extends BaseEntity {
  @ManyToOne(() => Site)
  site!: Site;

  @ManyToOne(() => Order, { nullable: true, index: true })
  order?: Order;

  @ManyToOne(() => Customer, { nullable: true, index: true })
  customer?: Customer;

  @ManyToOne(() => PaymentMethod, { nullable: true, index: true })
  paymentMethod?: PaymentMethod;

  @Property({ type: 'text' })
  provider!: string;

  @Enum({ items: () => TransactionKind })
  kind!: TransactionKind;

  @Enum({ items: () => TransactionStatus })
  status: Opt<TransactionStatus> = TransactionStatus.PENDING;

  @Property({ type: 'bigint' })
  amountMinor!: bigint;

  @Property({ type: 'string', columnType: 'character(3)' })
  currency!: CurrencyCode;

  @Property({ type: 'bigint' })
  capturedMinor: Opt<bigint> = 0n;

  @Property({ type: 'bigint' })
  refundedMinor: Opt<bigint> = 0n;

  /**
   * Fee charged on top (PayNearMe convenience fee, Payneteasy transfer fee). With a fee option chosen, the
   * chosen option's fee: what the customer agreed to pay on top.
   */
  @Property({ type: 'bigint', nullable: true })
  feeMinor?: bigint;

  /** The fee option the customer chose from the provider's quote (PayNearMe `credit_card@ivr`). */
  @Property({ type: 'text', nullable: true })
  feeOptionId?: string;

  /** Set when the provider reported charging another fee than the chosen option's (never silently replaced). */
  @Property({ type: 'bigint', nullable: true })
  providerFeeMinor?: bigint;

  /**
   * The partner site whose API key made this payment on the site's behalf (PayNearMe 3PPP: the provider's daily
   * reports tell partner payments apart); absent when the site itself paid.
   */
  @Property({ type: 'uuid', nullable: true, index: true })
  partnerSiteId?: string;

  /** The reference sent to the provider before it is called; recovery asks the provider by it. */
  @Property({ type: 'text', unique: true })
  reference!: string;

  /** When the provider call started (database clock, set as phase 1 commits): "not found" is judged from here. */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  callStartedAt: Opt<Date> = new Date();

  @Property({ type: 'text', nullable: true })
  providerTransactionId?: string;

  @Property({ type: 'text', nullable: true })
  declineCode?: string;

  @Property({ type: 'text', nullable: true })
  declineReason?: string;

  /** declineCode in the provider-neutral vocabulary, set with it. */
  @Enum({ items: () => DeclineReasonCode, nullable: true })
  declineReasonCode?: DeclineReasonCode;

  /** What the customer must do next: redirect, poll, or choose a fee (shape per NextAction in graphql). */
  @Property({ type: 'jsonb', nullable: true })
  nextAction?: Record<string, unknown> | null;

  /** Set when the provider reported another amount or currency than we sent. */
  @Property({ type: 'jsonb', nullable: true })
  mismatch?: { amountMinor: string; currency: string };

  /** Where the customer is sent after a redirect (3-D Secure, wallet) once the gateway has settled the status. */
  @Property({ type: 'text', nullable: true })
  returnUrl?: string;

  @Property({ type: 'jsonb' })
  metadata: Opt<Record<string, string>> = {};

  /** The card paid with, as a receipt shows it (never the number): from the card given, or the saved method. */
  @Property({ type: 'jsonb', nullable: true })
  card?: TransactionCard;

  /**
   * The provider call in flight or last made (PaymentStep): `pay` until a completion that moves money (the
   * capture after the customer authorized, the customer's fee choice) or a decline of what the customer
   * authorized begins. Each step is committed before its call (engine/steps.ts beginStep).
   */
  @Property({ type: 'text', default: 'pay' })
  step: Opt<string> = 'pay';
}

export interface TransactionCard {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

/** A card summary for the transaction row: brand, last four and expiry, nothing else of the card. */
export function transactionCard(card: { brand?: string | null; last4?: string | null; expMonth?: number | null; expYear?: number | null } | null | undefined): TransactionCard | undefined {
  if (!card?.last4 || !card.expMonth || !card.expYear) return undefined;
  return { brand: card.brand ?? 'UNKNOWN', last4: card.last4, expMonth: card.expMonth, expYear: card.expYear };
}
