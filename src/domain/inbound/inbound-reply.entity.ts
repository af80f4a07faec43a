import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../base.entity';
import { Site } from '../sites/site.entity';

/**
 * The first successful answer of an inbound route to one idempotency key in its scope, for the caller's site.
 * Claimed (no status yet) before the handler runs, so two concurrent requests with one key run it once.
 */
@Entity({ tableName: 'inbound_reply' })
@Unique({ properties: ['provider', 'scope', 'site', 'key'] })
export class InboundReplyRow extends BaseEntity {
  @ManyToOne(() => Site, { index: true })
  site!: Site;

  @Property({ type: 'text' })
  provider!: string;

  @Property({ type: 'text' })
  scope!: string;

  @Property({ type: 'text' })
  key!: string;

  /** sha256 of the raw body: the same key with another body is a conflict, not a replay. */
  @Property({ type: 'text' })
  requestHash!: string;

  @Property({ type: 'smallint', nullable: true })
  status?: Opt<number>;

  @Property({ type: 'jsonb', nullable: true })
  body?: unknown;
}
