import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../base.entity';
import { Scope } from './api-key.entity';
import { Site } from './site.entity';

/** A merchant site lets a partner act for it, with at most these scopes. */
@Entity({ tableName: 'partner_grant' })
@Index({ properties: ['partner', 'site'] })
export class PartnerGrant extends BaseEntity {
  @ManyToOne(() => Site)
  partner!: Site;

  @ManyToOne(() => Site)
  site!: Site;

  @Enum({ items: () => Scope, array: true })
  scopes: Scope[] = [];

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date;
}
