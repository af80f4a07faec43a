import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import type { CurrencyCode } from '../../kernel/money';
import { BaseEntity } from '../base.entity';
import { Customer } from '../customers/customer.entity';
import { Order } from '../orders/order.entity';
import { PaymentMethod } from '../payment-methods/payment-method.entity';
import { Site } from '../sites/site.entity';
import { Transaction } from '../transactions/transaction.entity';

export enum ScheduledPaymentStatus {
  SCHEDULED = 'SCHEDULED',
  PROCESSING = 'PROCESSING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

@Entity({ tableName: 'scheduled_payment' })
@Index({ properties: ['site', 'createdAt'] })
@Index({ properties: ['status', 'scheduledFor'] })
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
}
