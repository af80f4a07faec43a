import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A delivery may go when it is PENDING, due, not held by a live lease, its endpoint is enabled, and no earlier
 * delivery of the same resource to the same endpoint is still PENDING: one resource's events reach an endpoint
 * in the order they were committed, each waiting until the previous was delivered or given up.
 */
const GOES = `d.status = 'PENDING' and d.next_attempt_at <= now() and (d.lease_until is null or d.lease_until < now())
  and e.enabled and not exists (select 1 from webhook_delivery p where p.endpoint_id = d.endpoint_id
    and p.resource_key = d.resource_key and p.status = 'PENDING' and p.seq < d.seq)`;

/** Deliveries that may go now, oldest first (any site: the job queue serves every site). */
export async function findDeliverable(em: EntityManager, limit: number): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select d.id from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id where ${GOES} order by d.seq limit ?`,
    [limit],
  );
  return rows.map((row) => row.id);
}

export interface Claim {
  deliveryId: string;
  leaseToken: string;
  attempts: number;
  siteId: string;
  eventId: string;
  endpointId: string;
}

/**
 * Takes the delivery for one attempt: a single conditional UPDATE, so of two workers only one gets it (the
 * second re-reads the row after the first commits and finds the lease live). The lease outlives the request's
 * timeout; a worker killed mid-request leaves it to expire, and the delivery is then sent again (at least once).
 */
export async function claimDelivery(em: EntityManager, deliveryId: string, leaseToken: string, leaseMs: number): Promise<Claim | undefined> {
  const rows = await em.execute<{ id: string; attempts: number; site_id: string; event_id: string; endpoint_id: string }[]>(
    `update webhook_delivery d set lease_token = ?, lease_until = now() + ? * interval '1 millisecond', attempts = d.attempts + 1, updated_at = now()
      from webhook_endpoint e where d.id = ? and e.id = d.endpoint_id and ${GOES}
      returning d.id, d.attempts, d.site_id, d.event_id, d.endpoint_id`,
    [leaseToken, leaseMs, deliveryId],
  );
  const row = rows[0];
  return row && { deliveryId: row.id, leaseToken, attempts: row.attempts, siteId: row.site_id, eventId: row.event_id, endpointId: row.endpoint_id };
}
