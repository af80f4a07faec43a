import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError } from '../../kernel/errors';
import { paginate, type Page, type Position } from '../read/pagination';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery, type WebhookDeliveryStatus } from './webhook-delivery.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { WebhookEvent } from './webhook-event.entity';

export interface DeliveryFilter {
  endpointId?: string;
  eventId?: string;
  status?: WebhookDeliveryStatus;
}

/** A page of deliveries with what a reader needs beside each: its event, its endpoint and its attempts, in four statements. */
export interface DeliveryView {
  id: string;
  createdAt: Date;
  delivery: WebhookDelivery;
  event: WebhookEvent;
  endpoint: WebhookEndpoint;
  attempts: WebhookAttempt[];
}

/** Newest first, inside the EntityManager's site. */
export async function listDeliveries(em: EntityManager, filter: DeliveryFilter, args: { first: number; after?: Position }): Promise<Page<DeliveryView>> {
  const where = {
    ...(filter.endpointId && { endpoint: filter.endpointId }),
    ...(filter.eventId && { event: filter.eventId }),
    ...(filter.status && { status: filter.status }),
  };
  const page = await paginate(em, WebhookDelivery, where, args);
  return { rows: await withDetails(em, page.rows), hasNextPage: page.hasNextPage };
}

export async function withDetails(em: EntityManager, deliveries: WebhookDelivery[]): Promise<DeliveryView[]> {
  if (!deliveries.length) return [];
  const ids = deliveries.map((d) => d.id);
  const [events, endpoints, attempts] = await Promise.all([
    em.find(WebhookEvent, { id: [...new Set(deliveries.map((d) => d.event.id))] }),
    em.find(WebhookEndpoint, { id: [...new Set(deliveries.map((d) => d.endpoint.id))] }),
    em.find(WebhookAttempt, { delivery: ids }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));
  const eventOf = byId(events);
  const endpointOf = byId(endpoints);
  return deliveries.map((delivery) => ({
    id: delivery.id,
    createdAt: delivery.createdAt,
    delivery,
    event: eventOf.get(delivery.event.id)!,
    endpoint: endpointOf.get(delivery.endpoint.id)!,
    attempts: attempts.filter((a) => a.delivery.id === delivery.id),
  }));
}

/**
 * Sends an event again: a new delivery (same message, same webhook-id) to the endpoint named, or to every
 * endpoint that had a delivery of it (endpointId undefined; null names an endpoint that is not there). It queues behind the resource's pending deliveries to that endpoint.
 */
export async function redeliver(em: EntityManager, eventId: string | undefined, endpointId: string | null | undefined): Promise<string[]> {
  const event = eventId ? await em.findOne(WebhookEvent, { id: eventId }) : null;
  if (!event) throw new NotFoundError('webhook event', ['input', 'eventId']);
  let endpoints: string[];
  if (endpointId !== undefined) {
    const endpoint = endpointId ? await em.findOne(WebhookEndpoint, { id: endpointId }) : null;
    if (!endpoint) throw new NotFoundError('webhook endpoint', ['input', 'endpointId']);
    endpoints = [endpoint.id];
  } else {
    endpoints = [...new Set((await em.find(WebhookDelivery, { event: event.id })).map((d) => d.endpoint.id))];
    if (!endpoints.length) throw new NotFoundError('webhook endpoint that received this event', ['input', 'endpointId']);
  }
  const created: string[] = [];
  for (const endpoint of endpoints.sort()) {
    const delivery = em.create(WebhookDelivery, { site: event.site, event, endpoint, resourceKey: event.resourceKey });
    em.persist(delivery);
    created.push(delivery.id);
  }
  await em.flush();
  return created;
}
