import type { Opt } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/decorators/legacy';
import { BaseEntity } from '../base.entity';
import { Site } from '../sites/site.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEvent } from './webhook-event.entity';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Retried for the whole retry window without a 2xx: given up, so the resource's next event may go. */
  FAILED = 'FAILED',
}

/**
 * One event to one endpoint. `seq` orders the deliveries of one resource to one endpoint: a delivery waits while
 * an earlier one of the same (endpoint, resource) is PENDING. A worker holds it by lease (leaseToken, leaseUntil)
 * while its request is in flight, never by a row lock across HTTP.
 */
@Entity({ tableName: 'webhook_delivery' })
@Index({ name: 'webhook_delivery_due_index', properties: ['nextAttemptAt'], where: "status = 'PENDING'" })
@Index({ name: 'webhook_delivery_order_index', properties: ['endpoint', 'resourceKey', 'seq'], where: "status = 'PENDING'" })
@Index({ properties: ['site', 'createdAt'] })
export class WebhookDelivery extends BaseEntity {
  @ManyToOne(() => Site)
  site!: Site;

  @ManyToOne(() => WebhookEvent, { index: true, deleteRule: 'cascade' })
  event!: WebhookEvent;

  @ManyToOne(() => WebhookEndpoint, { index: true, deleteRule: 'cascade' })
  endpoint!: WebhookEndpoint;

  @Property({ type: 'text' })
  resourceKey!: string;

  @Property({ type: 'bigint', autoincrement: true })
  seq?: bigint;

  @Enum({ items: () => WebhookDeliveryStatus })
  status: Opt<WebhookDeliveryStatus> = WebhookDeliveryStatus.PENDING;

  @Property({ type: 'int', default: 0 })
  attempts: Opt<number> = 0;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  nextAttemptAt: Opt<Date> = new Date();

  @Property({ type: 'uuid', nullable: true })
  leaseToken?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  leaseUntil?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;
}
