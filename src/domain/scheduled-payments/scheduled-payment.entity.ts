import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import type { CurrencyCode } from '../../kernel/money';
import { BaseEntity } from '../base.entity';
import { Customer } from '../customers/customer.entity';
import { Order } from '../orders/order.entity';
import { PaymentMethod } from '../payment-methods/payment-method.entity';
import { Site } from '../sites/site.entity';
import { Transaction } from '../transactions/transaction.entity';

/**
 * SCHEDULED → PROCESSING (the gateway is paying, or its payment's outcome is not known yet) → SUCCEEDED | FAILED;
 * SCHEDULED → CANCELLED before the due time. A schedule the provider runs (the provider pays it) goes from
 * SCHEDULED to SUCCEEDED | FAILED when the gateway finds its payment in the provider's history (native-outcome.ts).
 */
export enum ScheduledPaymentStatus {
  SCHEDULED = 'SCHEDULED',
  PROCESSING = 'PROCESSING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

/** Who pays it at the due time: the gateway (its job queue, through the payments engine) or the provider. */
export enum ScheduledPaymentRunner {
  GATEWAY = 'GATEWAY',
  PROVIDER = 'PROVIDER',
}

@Entity({ tableName: 'scheduled_payment' })
@Index({ properties: ['site', 'createdAt'] })
@Index({ properties: ['status', 'scheduledFor'] })
/** One provider schedule is one of ours at most: a lost answer found again can't be recorded on two rows. */
@Unique({ properties: ['provider', 'providerScheduleId'] })
export class ScheduledPayment extends BaseEntity {
  @ManyToOne(() => Site)
  site!: Site;

  @ManyToOne(() => Order, { nullable: true, index: true })
  order?: Order;

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

  @Property({ type: 'timestamptz' })
  scheduledFor!: Date;

  @Enum({ items: () => ScheduledPaymentStatus })
  status: Opt<ScheduledPaymentStatus> = ScheduledPaymentStatus.SCHEDULED;

  /** Set when the provider schedules natively (PayNearMe pnm_scheduled_payment_identifier). */
  @Property({ type: 'text', nullable: true })
  providerScheduleId?: string;

  @ManyToOne(() => Transaction, { nullable: true })
  transaction?: Transaction;

  /** The partner site whose key made the schedule on the site's behalf: the provider is asked with its keys again. */
  @Property({ type: 'uuid', nullable: true })
  partnerSiteId?: string;

  @Enum({ items: () => ScheduledPaymentRunner })
  runBy: Opt<ScheduledPaymentRunner> = ScheduledPaymentRunner.GATEWAY;

  @Property({ type: 'text', nullable: true })
  description?: string;

  /**
   * A gateway run in progress holds the row until then (database clock); a run whose holder died is taken
   * over after it. The payment itself is protected by its idempotency key, not by this. For a provider-run
   * schedule whose answer was lost, the job looking for it at the provider holds it the same way.
   */
  @Property({ type: 'timestamptz', nullable: true })
  leaseUntil?: Date;

  /** Runs started (a takeover after a crash is a second one). */
  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  /** Why it FAILED: the decline (the transaction's) or the reason the payment could not be made. */
  @Property({ type: 'text', nullable: true })
  failureCode?: string;

  @Property({ type: 'text', nullable: true })
  failureMessage?: string;
}
