import type { EntityManager } from '@mikro-orm/postgresql';
import { PayoutStatus } from '../payouts/payout.entity';
import { RefundStatus } from '../refunds/refund.entity';
import { TransactionStatus } from '../transactions/transaction-status';
import { PaymentOperationStatus } from '../payments/payment-operation.entity';
import { deadlineOf, type PaymentsEnv } from './payments-env';

/** Rows per sweep, and per site within them: a site with many rows that never settle can't fill the sweep. */
const BATCH = 100;
const PER_SITE = 25;
/** Backoff between status queries of one row doubles from the base up to this. */
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/** Statuses the customer or the provider still has to move; AWAITING_FEE_SELECTION waits for the customer only. */
const POLLED = [TransactionStatus.OUTCOME_UNKNOWN, TransactionStatus.PROCESSING, TransactionStatus.REQUIRES_ACTION];

export interface DueRow {
  resource: string;
  siteId: string;
}

/** Enum constants only (never input), so they are written into the SQL rather than bound. */
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const openRows = (type: string, table: string, statuses: readonly string[]) =>
  `select '${type}:' || id as resource, site_id, created_at as since from "${table}"
    where status in (${list(statuses)}) and call_started_at < now() - ?::float8 * interval '1 millisecond'`;

/**
 * Unsettled payments, captures, voids, refunds and payouts that are due, as `Type:id` resource keys (what
 * settleResource takes). A row is due when it is old enough (PENDING rows once the call that created them has
 * certainly ended, so the reconciler never races a call in flight) and its schedule allows (reconcile_attempt:
 * backoff after each query, parked rows skipped). Selection is fair: at most PER_SITE rows of one site, taken
 * round-robin across sites, earliest due first. Every time is the database's clock, the same for all instances.
 */
export async function findDue(env: PaymentsEnv, afterMs: number): Promise<DueRow[]> {
  const pendingAfterMs = Math.max(afterMs, deadlineOf(env));
  const candidates = [
    `select 'Transaction:' || id as resource, site_id, updated_at as since from "transaction"
      where (status in (${list(POLLED)}) and updated_at < now() - ?::float8 * interval '1 millisecond')
         or (status = '${TransactionStatus.PENDING}' and call_started_at < now() - ?::float8 * interval '1 millisecond')`,
    openRows('PaymentOperation', 'payment_operation', [PaymentOperationStatus.PENDING, PaymentOperationStatus.OUTCOME_UNKNOWN]),
    openRows('Refund', 'refund', [RefundStatus.PENDING, RefundStatus.OUTCOME_UNKNOWN]),
    openRows('Payout', 'payout', [PayoutStatus.PENDING, PayoutStatus.VALIDATED, PayoutStatus.OUTCOME_UNKNOWN]),
  ].join('\nunion all\n');
  const rows = await env.em.fork().getConnection().execute<{ resource: string; site_id: string }[]>(
    `with candidates as (${candidates}),
     ranked as (
       select c.resource, c.site_id, coalesce(a.next_attempt_at, c.since) as due,
              row_number() over (partition by c.site_id order by coalesce(a.next_attempt_at, c.since), c.resource) as rank
         from candidates c left join reconcile_attempt a on a.resource = c.resource
        where a.resource is null or (a.parked_at is null and a.next_attempt_at <= now()))
     select resource, site_id from ranked where rank <= ? order by rank, due limit ?`,
    [afterMs, pendingAfterMs, pendingAfterMs, pendingAfterMs, pendingAfterMs, PER_SITE, BATCH],
  );
  return rows.map((r) => ({ resource: r.resource, siteId: r.site_id }));
}

export type Claim = { claimed: false } | { claimed: true; attempts: number; parked: boolean };

/**
 * Takes the row's next attempt before asking the provider: bumps the count and moves next_attempt_at past this
 * attempt (base × 2^(attempts-1), at most an hour). The base is at least one provider deadline, so the move is
 * also a lease: a second job for the same row (a retry, another instance's sweep, a job orphaned by a killed
 * instance and fetched again) finds the time in the future and asks nothing. After maxAttempts the row is
 * parked. Conditional in one statement, so two claimants can't both win.
 */
export async function claimAttempt(env: PaymentsEnv, em: EntityManager, row: DueRow, afterMs: number, maxAttempts: number): Promise<Claim> {
  const baseMs = Math.max(afterMs, deadlineOf(env));
  const claimed = await em.getConnection().execute<{ attempts: number; parked: boolean }[]>(
    `insert into reconcile_attempt (resource, site_id, attempts, next_attempt_at, last_attempt_at, parked_at)
     values (?, ?, 1, now() + ?::float8 * interval '1 millisecond', now(), case when 1 >= ? then now() end)
     on conflict (resource) do update set
       attempts = reconcile_attempt.attempts + 1,
       last_attempt_at = now(),
       next_attempt_at = now() + least(?::float8 * power(2, reconcile_attempt.attempts), ?::float8) * interval '1 millisecond',
       parked_at = case when reconcile_attempt.attempts + 1 >= ? then now() end
     where reconcile_attempt.parked_at is null and reconcile_attempt.next_attempt_at <= now()
     returning attempts, parked_at is not null as parked`,
    [row.resource, row.siteId, baseMs, maxAttempts, baseMs, MAX_BACKOFF_MS, maxAttempts],
  );
  return claimed.length ? { claimed: true, attempts: claimed[0].attempts, parked: claimed[0].parked } : { claimed: false };
}
