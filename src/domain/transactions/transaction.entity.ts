import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { DeclineReasonCode } from '../../providers/decline-codes';
import type { CurrencyCode } from '../money';
import { BaseEntity } from '../base.entity';
import { Customer } from '../customers/customer.entity';
import { Order } from '../orders/order.entity';
import { PaymentMethod } from '../payment-methods/payment-method.entity';
import { Site } from '../sites/site.entity';
import { TransactionKind, TransactionStatus } from './transaction-status';

@Entity({ tableName: 'transaction' })
@Index({ properties: ['site', 'createdAt'] })
@Index({ properties: ['status', 'updatedAt'] })
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

  /** Fee charged on top (PayNearMe convenience fee, Payneteasy transfer fee). */
  @Property({ type: 'bigint', nullable: true })
  feeMinor?: bigint;

  /** The reference sent to the provider before it is called; recovery asks the provider by it. */
  @Property({ type: 'text', unique: true })
  reference!: string;

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
}
