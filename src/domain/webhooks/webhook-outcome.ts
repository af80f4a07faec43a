import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Claim } from './webhook-claim';
import { retryDelayMs } from './webhook-backoff';
import type { SendResult } from './webhook-send';

export interface RetryPolicy {
  retryBaseMs: number;
  retryMaxDelayMs: number;
  retryForMs: number;
  disableAfterMs: number;
  disableAfterFailures: number;
}

export type Outcome = 'DELIVERED' | 'RETRY' | 'FAILED';

/**
 * Records one attempt and what follows from it, in one transaction: the attempt row; the delivery DELIVERED,
 * due again after a backoff, or FAILED once its event is older than the retry window; and the endpoint's
 * failure streak, which disables it when it has failed too long or too often. Only the lease holder moves the
 * delivery: a worker whose lease expired (and was taken over) just adds its attempt.
 */
export async function recordOutcome(em: EntityManager, claim: Claim, result: SendResult, policy: RetryPolicy): Promise<Outcome> {
  return em.transactional(async (tx) => {
    // Nothing to record on when the endpoint (and so the delivery) was deleted while the request was out.
    await tx.execute(
      `insert into webhook_attempt (id, site_id, delivery_id, response_status, response_body, error, duration_ms, created_at)
       select ?, ?, id, ?, ?, ?, ?, now() from webhook_delivery where id = ?`,
      [randomUUID(), claim.siteId, result.status ?? null, result.body ?? null, result.error ?? null, result.durationMs, claim.deliveryId],
    );
    if (result.ok) {
      await tx.execute(`update webhook_delivery set status = 'DELIVERED', delivered_at = now(), lease_token = null, lease_until = null, updated_at = now() where id = ? and lease_token = ?`, [claim.deliveryId, claim.leaseToken]);
      await tx.execute(`update webhook_endpoint set consecutive_failures = 0, failing_since = null where id = ?`, [claim.endpointId]);
      return 'DELIVERED';
    }
    const delay = retryDelayMs(claim.attempts, policy.retryBaseMs, policy.retryMaxDelayMs);
    const [moved] = await tx.execute<{ status: string }[]>(
      `update webhook_delivery d set lease_token = null, lease_until = null, updated_at = now(),
         status = case when now() + ? * interval '1 millisecond' > ev.created_at + ? * interval '1 millisecond' then 'FAILED' else 'PENDING' end,
         next_attempt_at = now() + ? * interval '1 millisecond'
       from webhook_event ev where d.id = ? and ev.id = d.event_id and d.lease_token = ? returning d.status`,
      [delay, policy.retryForMs, delay, claim.deliveryId, claim.leaseToken],
    );
    await recordEndpointFailure(tx as EntityManager, claim.endpointId, result, policy);
    return moved?.status === 'FAILED' ? 'FAILED' : 'RETRY';
  });
}

async function recordEndpointFailure(tx: EntityManager, endpointId: string, result: SendResult, policy: RetryPolicy): Promise<void> {
  const what = result.status ? `HTTP ${result.status}` : (result.error ?? 'no response');
  await tx.execute(
    `update webhook_endpoint set consecutive_failures = consecutive_failures + 1, failing_since = coalesce(failing_since, now()),
       enabled = case when consecutive_failures + 1 >= ? or now() - coalesce(failing_since, now()) >= ? * interval '1 millisecond' then false else enabled end,
       disabled_reason = case when enabled and (consecutive_failures + 1 >= ? or now() - coalesce(failing_since, now()) >= ? * interval '1 millisecond')
         then 'disabled by the gateway: ' || (consecutive_failures + 1) || ' failed attempts in a row since ' || to_char(coalesce(failing_since, now()) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ', the last: ' || ?
         else disabled_reason end,
       updated_at = now()
     where id = ?`,
    [policy.disableAfterFailures, policy.disableAfterMs, policy.disableAfterFailures, policy.disableAfterMs, what, endpointId],
  );
}
