import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../base.entity';
import { ClientToken } from '../client-tokens/client-token.entity';
import { Customer } from '../customers/customer.entity';
import { Site } from '../sites/site.entity';

export enum PaymentMethodType {
  CARD = 'CARD',
  BANK_ACCOUNT = 'BANK_ACCOUNT',
  WALLET = 'WALLET',
}

export enum PaymentMethodStatus {
  ACTIVE = 'ACTIVE',
  /** The provider holds it but will not charge it (PayNearMe token status "inactive"). */
  INACTIVE = 'INACTIVE',
  REMOVED = 'REMOVED',
}

/** A saved method. Never the card number or CVV: brand, first six, last four, expiry and the provider's token. */
@Entity({ tableName: 'payment_method' })
@Index({ properties: ['site', 'createdAt'] })
export class PaymentMethod extends BaseEntity {
  @ManyToOne(() => Site)
  site!: Site;

  @ManyToOne(() => Customer, { nullable: true, index: true })
  customer?: Customer;

  @Property({ type: 'text' })
  provider!: string;

  @Enum({ items: () => PaymentMethodType })
  type!: PaymentMethodType;

  @Enum({ items: () => PaymentMethodStatus })
  status: Opt<PaymentMethodStatus> = PaymentMethodStatus.ACTIVE;

  @Property({ type: 'text', nullable: true })
  brand?: string;

  @Property({ type: 'string', columnType: 'character(6)', nullable: true })
  first6?: string;

  @Property({ type: 'string', columnType: 'character(4)', nullable: true })
  last4?: string;

  @Property({ type: 'smallint', nullable: true })
  expMonth?: number;

  @Property({ type: 'smallint', nullable: true })
  expYear?: number;

  @Property({ type: 'text', nullable: true })
  holderName?: string;

  /** The provider's reusable reference (token, registration id, card ref, payment_method_identifier). */
  @Property({ type: 'text', nullable: true })
  providerToken?: string;

  @Property({ type: 'timestamptz', nullable: true })
  removedAt?: Date;

  /** Tokenized through a client token (tokenizeCard): pays once, then usedAt is set and it pays no more. */
  @Property({ type: 'boolean', default: false })
  singleUse: Opt<boolean> = false;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt?: Date;

  /** The client token that tokenized it; only that token (or a server key of the site) may pay with it. */
  @ManyToOne(() => ClientToken, { nullable: true })
  clientToken?: ClientToken;
}
