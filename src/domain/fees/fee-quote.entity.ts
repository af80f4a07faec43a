import { Collection } from '@mikro-orm/core';
import { Entity, ManyToOne, OneToMany, Property } from '@mikro-orm/decorators/legacy';
import type { CurrencyCode } from '../money';
import { BaseEntity } from '../base.entity';
import { Order } from '../orders/order.entity';
import { Site } from '../sites/site.entity';
import { Transaction } from '../transactions/transaction.entity';
import { FeeQuoteOption } from './fee-quote-option.entity';

/** Fees a provider quoted for an amount (PayNearMe get_fees, Payneteasy TRANSFER_FEE_REQUEST). */
@Entity({ tableName: 'fee_quote' })
export class FeeQuote extends BaseEntity {
  @ManyToOne(() => Site)
  site!: Site;

  @ManyToOne(() => Order, { nullable: true, index: true })
  order?: Order;

  @ManyToOne(() => Transaction, { nullable: true, index: true })
  transaction?: Transaction;

  @Property({ type: 'text' })
  provider!: string;

  @Property({ type: 'bigint' })
  amountMinor!: bigint;

  @Property({ type: 'string', columnType: 'character(3)' })
  currency!: CurrencyCode;

  @Property({ type: 'text', nullable: true })
  channel?: string;

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date;

  @Property({ type: 'uuid', nullable: true })
  selectedOptionId?: string;

  @OneToMany(() => FeeQuoteOption, (option) => option.quote)
  options = new Collection<FeeQuoteOption>(this);
}
