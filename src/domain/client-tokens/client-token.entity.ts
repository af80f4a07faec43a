import { ArrayType } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../base.entity';
import { Customer } from '../customers/customer.entity';
import { Order } from '../orders/order.entity';
import { Site } from '../sites/site.entity';

/**
 * A short-lived bearer for a browser or mobile app, created by a server key. Like an API key only the SHA-256
 * of its secret is kept; unlike one it names what it may touch (one order, one customer) and where it may be
 * used from (allowed origins), and it expires within an hour.
 */
@Entity({ tableName: 'client_token' })
export class ClientToken extends BaseEntity {
  @ManyToOne(() => Site)
  site!: Site;

  /** The server key that created it (for audit); a partner's key belongs to the partner's site. */
  @Property({ type: 'uuid' })
  createdByKeyId!: string;

  @Property({ type: 'text', unique: true })
  prefix!: string;

  @Property({ type: 'text' })
  secretHash!: string;

  @ManyToOne(() => Order, { nullable: true })
  order?: Order;

  @ManyToOne(() => Customer, { nullable: true })
  customer?: Customer;

  /** Exact origins (scheme://host[:port]) a browser may send it from. */
  @Property({ type: ArrayType })
  allowedOrigins: string[] = [];

  @Index()
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}
