import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../base.entity';
import type { CustomerMatchSettings } from '../customers/customer-match';

export enum SiteKind {
  MERCHANT = 'MERCHANT',
  PARTNER = 'PARTNER',
}

/**
 * A tenant. Merchants own orders and payments; a partner site acts for merchants that granted it access
 * (PayNearMe's site_identifier / proxy_site_identifier model).
 */
@Entity({ tableName: 'site' })
export class Site extends BaseEntity {
  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => SiteKind })
  kind: Opt<SiteKind> = SiteKind.MERCHANT;

  /** Provider key → AES-256-GCM ciphertext of that provider's credentials (see domain/sites/credentials.ts). */
  @Property({ type: 'jsonb' })
  providerCredentials: Opt<Record<string, string>> = {};

  /**
   * How the provider's customer data is compared with this site's before an authorized payment is kept
   * (docs/paysafecard.md "Customer data comparison"): fields, threshold, account-less payments. null → defaults.
   */
  @Property({ type: 'jsonb', nullable: true })
  customerDataMatch?: Partial<CustomerMatchSettings> | null;
}
