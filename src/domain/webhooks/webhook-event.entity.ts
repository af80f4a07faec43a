import type { Opt } from '@mikro-orm/core';
import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Site } from '../sites/site.entity';

/**
 * The outbox: one row per state change a merchant can subscribe to, written by the database trigger
 * paygraph_webhook_emit in the transaction that made the change (webhook-triggers.ts). `payload` is the body
 * sent, `{type, timestamp, data}`; its id is the `webhook-id` of every delivery of it.
 */
@Entity({ tableName: 'webhook_event' })
@Index({ properties: ['site', 'createdAt'] })
export class WebhookEvent {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Site)
  site!: Site;

  @Property({ type: 'text' })
  type!: string;

  /** `<Type>:<uuid>` of the object the event is about: deliveries of one resource go out in order. */
  @Property({ type: 'text' })
  resourceKey!: string;

  @Property({ type: 'jsonb' })
  payload!: { type: string; timestamp: string; data: Record<string, unknown> };

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
