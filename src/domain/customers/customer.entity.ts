import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../base.entity';
import { Site } from '../sites/site.entity';

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
}
