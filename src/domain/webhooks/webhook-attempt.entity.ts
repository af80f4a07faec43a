import type { Opt } from '@mikro-orm/core';
import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { randomUUID } from 'node:crypto';
import { Site } from '../sites/site.entity';
import { WebhookDelivery } from './webhook-delivery.entity';

/** One request of a delivery and what came back: the status and the first bytes of the body, or why none came. */
@Entity({ tableName: 'webhook_attempt' })
export class WebhookAttempt {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Site)
  site!: Site;

  @ManyToOne(() => WebhookDelivery, { index: true, deleteRule: 'cascade' })
  delivery!: WebhookDelivery;

  @Property({ type: 'int', nullable: true })
  responseStatus?: number | null;

  @Property({ type: 'text', nullable: true })
  responseBody?: string | null;

  /** TIMEOUT, CONNECTION_FAILED, … when no response came. */
  @Property({ type: 'text', nullable: true })
  error?: string | null;

  @Property({ type: 'int' })
  durationMs!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();
}
