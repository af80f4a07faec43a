import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../base.entity';
import { Site } from '../sites/site.entity';

/**
 * A provider's own record of an inbound conversation (Payneteasy: one DAPI session per invoiceId, with its
 * nonce, signature and the session token Payneteasy gave it). The provider module reads and writes it through
 * ProviderRecords (src/providers/facets.ts); its shape is the module's business, so it is JSON.
 */
@Entity({ tableName: 'provider_record' })
@Unique({ properties: ['provider', 'kind', 'key'] })
export class ProviderRecordRow extends BaseEntity {
  @ManyToOne(() => Site, { index: true })
  site!: Site;

  @Property({ type: 'text' })
  provider!: string;

  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'text' })
  key!: string;

  @Property({ type: 'jsonb' })
  data!: unknown;
}
