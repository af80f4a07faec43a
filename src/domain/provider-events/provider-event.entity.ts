import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Site } from '../sites/site.entity';

/** The inbox: each callback stored once (unique per provider and event key), then applied idempotently. */
@Entity({ tableName: 'provider_event' })
@Unique({ properties: ['provider', 'eventKey'] })
export class ProviderEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Site, { nullable: true })
  site?: Site;

  @Property({ type: 'text' })
  provider!: string;

  @Property({ type: 'text' })
  eventKey!: string;

  @Property({ type: 'text' })
  type!: string;

  /** Scrubbed of card data before it is stored. */
  @Property({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Property({ type: 'boolean' })
  verified!: boolean;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  receivedAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  processedAt?: Date;

  @Property({ type: 'text', nullable: true })
  error?: string;
}
