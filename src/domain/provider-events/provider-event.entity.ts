import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Site } from '../sites/site.entity';

/**
 * The inbox: each callback stored once (unique per provider and event key), then acted on idempotently.
 * Callbacks that could not be verified are not stored (they are logged with a hash of the body), so a stranger
 * can neither fill the table nor take a genuine event's key.
 */
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

  /** When processing was last claimed: a stored event not yet settled is retried on redelivery after a pause. */
  @Property({ type: 'timestamptz', nullable: true })
  attemptedAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  processedAt?: Date;

  @Property({ type: 'text', nullable: true })
  error?: string | null;
}
