import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property, Trigger, Unique } from '@mikro-orm/decorators/legacy';
import type { CurrencyCode } from '../../kernel/money';
import { BaseEntity } from '../base.entity';
import { Customer } from '../customers/customer.entity';
import { notifyChangeTrigger } from '../live/change-triggers';
import { Site } from '../sites/site.entity';

export enum OrderStatus {
  OPEN = 'OPEN',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  PAID = 'PAID',
  CANCELLED = 'CANCELLED',
}

@Entity({ tableName: 'order' })
@Trigger(notifyChangeTrigger('order'))
@Unique({ properties: ['site', 'reference'] })
@Index({ properties: ['site', 'createdAt'] })
export class Order extends BaseEntity {
  @ManyToOne(() => Site)
  site!: Site;

  @ManyToOne(() => Customer, { nullable: true, index: true })
  customer?: Customer;

  /** The merchant's order number, unique per site. */
  @Property({ type: 'text' })
  reference!: string;

  @Property({ type: 'bigint' })
  amountMinor!: bigint;

  @Property({ type: 'string', columnType: 'character(3)' })
  currency!: CurrencyCode;

  @Property({ type: 'text', nullable: true })
  description?: string;

  @Enum({ items: () => OrderStatus })
  status: Opt<OrderStatus> = OrderStatus.OPEN;

  /** Set when the order lives at a provider (PayNearMe orders). */
  @Property({ type: 'text', nullable: true })
  provider?: string;

  @Property({ type: 'text', nullable: true })
  providerOrderId?: string;

  @Property({ type: 'jsonb' })
  metadata: Opt<Record<string, string>> = {};
}
