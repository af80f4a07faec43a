import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../base.entity';
import { Site } from './site.entity';

export enum Scope {
  READ = 'read',
  PAY = 'pay',
  REFUND = 'refund',
  PAYOUT = 'payout',
  ADMIN = 'admin',
}

/** Only the SHA-256 of the secret is kept; the key itself is shown once, when it is created. */
@Entity({ tableName: 'api_key' })
export class ApiKey extends BaseEntity {
  @ManyToOne(() => Site)
  site!: Site;

  @Property({ type: 'text' })
  name!: string;

  /** The public part of the key (before the secret), used to find the row. */
  @Property({ type: 'text', unique: true })
  prefix!: string;

  @Property({ type: 'text' })
  secretHash!: string;

  @Enum({ items: () => Scope, array: true })
  scopes: Scope[] = [];

  @Index()
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date;
}
