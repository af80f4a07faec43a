import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../base.entity';
import { Site } from '../sites/site.entity';

/**
 * Where a site's webhooks go (docs/webhooks.md). The signing secret is sealed with the credential cipher, bound
 * to this endpoint; during a rotation the previous secret signs too, until previousSecretExpiresAt.
 */
@Entity({ tableName: 'webhook_endpoint' })
@Index({ properties: ['site', 'createdAt'] })
export class WebhookEndpoint extends BaseEntity {
  @ManyToOne(() => Site)
  site!: Site;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'text', nullable: true })
  description?: string;

  @Property({ type: 'text[]' })
  eventTypes: string[] = [];

  @Property({ type: 'boolean', default: true })
  enabled: Opt<boolean> = true;

  /** Why the endpoint is disabled: set by the merchant's mutation or by the gateway after persistent failure. */
  @Property({ type: 'text', nullable: true })
  disabledReason?: string | null;

  @Property({ type: 'text' })
  secretSealed!: string;

  @Property({ type: 'text', nullable: true })
  previousSecretSealed?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt?: Date | null;

  /** Since when every attempt failed (null after any success); the endpoint is disabled when this gets too old. */
  @Property({ type: 'timestamptz', nullable: true })
  failingSince?: Date | null;

  @Property({ type: 'int', default: 0 })
  consecutiveFailures: Opt<number> = 0;
}
