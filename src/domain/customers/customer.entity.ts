import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../base.entity';
import { Site } from '../sites/site.entity';

export interface ProviderCustomerDetails {
  providerCustomerId?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  birthDate?: string;
  accountCreated?: string;
  /** ISO time the gateway received them. */
  receivedAt: string;
}

@Entity({ tableName: 'customer' })
@Unique({ properties: ['site', 'externalId'] })
@Index({ properties: ['site', 'createdAt'] })
export class Customer extends BaseEntity {
  @ManyToOne(() => Site)
  site!: Site;

  /** The merchant's own id for this customer. */
  @Property({ type: 'text', nullable: true })
  externalId?: string;

  @Property({ type: 'text', nullable: true })
  email?: string;

  @Property({ type: 'text', nullable: true })
  firstName?: string;

  @Property({ type: 'text', nullable: true })
  middleName?: string;

  @Property({ type: 'text', nullable: true })
  lastName?: string;

  @Property({ type: 'date', nullable: true })
  birthDate?: string;

  @Property({ type: 'text', nullable: true })
  phone?: string;

  @Property({ type: 'jsonb' })
  metadata: Opt<Record<string, string>> = {};

  /**
   * What each provider holds about this customer, keyed by provider (paysafecard's customer data exchange: its
   * customer id, names, birth date, e-mail, account creation), as last received with a payment.
   */
  @Property({ type: 'jsonb', nullable: true })
  providerDetails?: Record<string, ProviderCustomerDetails> | null;
}
