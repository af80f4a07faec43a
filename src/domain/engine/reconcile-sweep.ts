import type { EntityManager } from '@mikro-orm/postgresql';
import { KINDS } from './kinds';
import type { MovementKind } from './movement-kind';
import { storedPrefix } from './movement-ref';
import { deadlineOf, type PaymentsEnv } from './payments-env';
import { RECOVERY_DEFAULTS } from './recovery-policy';

/** Rows per sweep, and per site within them: a site with many rows that never settle can't fill the sweep. */
const BATCH = 100;
const PER_SITE = 25;
/** Backoff between status queries of one row doubles from the base up to this. */
const MAX_BACKOFF_MS = 60 * 60 * 1000;

export interface DueRow {
  resource: string;
  siteId: string;
  /** A later look at a row ended by inference (engine/late-success.ts), not a row still open. */
  late?: boolean;
}

const AGE = "?::float8 * interval '1 millisecond'";

/** One kind's due rows; its condition's `:after`/`:pendingAfter` become bound parameters, in order. */
function candidatesOf(kind: MovementKind, afterMs: number, pendingAfterMs: number): { sql: string; params: number[] } {
  const params: number[] = [];
  const where = kind.due.where.replace(/:(pendingAfter|after)\b/g, (_m, name: string) => {
    params.push(name === 'after' ? afterMs : pendingAfterMs);
    return AGE;
  });
  return { sql: `select '${storedPrefix(kind.name)}' || id as resource, site_id, ${kind.due.since} as since, false as late from "${kind.table}" where ${where}`, params };
}

/**
 * One kind's rows ended by inference that are still within their later looks: ended (updated_at) less than
 * lateCheckForMs ago, and first due lateCheckEveryMs after they ended. Rare on purpose: hourly by default.
 */
function lateCandidatesOf(kind: MovementKind, everyMs: number, forMs: number): { sql: string; params: number[] } | undefined {
  if (!kind.lateSuccess || forMs <= 0) return undefined;
  return {
    sql: `select '${storedPrefix(kind.name)}' || id as resource, site_id, updated_at + ${AGE} as since, true as late from "${kind.table}"
           where (${kind.lateSuccess.endedWhere}) and updated_at > now() - ${AGE}`,
    params: [everyMs, forMs],
  };
}

/**
 * Open movements of every registered kind that are due, as stored references (what resolveStored takes). A
 * row is due when it is old enough (PENDING rows once the call that created them has certainly ended, so the
 * reconciler never races a call in flight) and its schedule allows (reconcile_attempt: backoff after each
 * query, parked rows skipped). Selection is fair: at most PER_SITE rows of one site, taken round-robin across
 * sites, earliest due first. Every time is the database's clock, the same for all instances.
 */
export async function findDue(env: PaymentsEnv, afterMs: number): Promise<DueRow[]> {
  const pendingAfterMs = Math.max(afterMs, deadlineOf(env));
  const { lateCheckEveryMs, lateCheckForMs } = env.recovery ?? RECOVERY_DEFAULTS;
  const open = KINDS.map((kind) => candidatesOf(kind, afterMs, pendingAfterMs));
  const late = KINDS.flatMap((kind) => lateCandidatesOf(kind, lateCheckEveryMs, lateCheckForMs) ?? []);
  const parts = [...open, ...late];
  const candidates = parts.map((part) => part.sql).join('\nunion all\n');
  // A later look is due once both its own time (since) and its schedule allow; it ignores parking, which is
  // about open rows that never settle: its bound is lateCheckForMs.
  const rows = await env.em.fork().getConnection().execute<{ resource: string; site_id: string; late: boolean }[]>(
    `with candidates as (${candidates}),
     ranked as (
       select c.resource, c.site_id, c.late, d.due,
              row_number() over (partition by c.site_id order by d.due, c.resource) as rank
         from candidates c left join reconcile_attempt a on a.resource = c.resource
        cross join lateral (select case when c.late then greatest(c.since, a.next_attempt_at) else coalesce(a.next_attempt_at, c.since) end as due) d
        where (a.resource is null or ((a.parked_at is null or c.late) and a.next_attempt_at <= now())) and (not c.late or c.since <= now()))
     select resource, site_id, late from ranked where rank <= ? order by rank, due limit ?`,
    [...parts.flatMap((part) => part.params), PER_SITE, BATCH],
  );
  return rows.map((r) => ({ resource: r.resource, siteId: r.site_id, ...(r.late ? { late: true } : {}) }));
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
  if (row.late) return claimLateLook(env, em, row);
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

/**
 * A later look at a row ended by inference: the next one lateCheckEveryMs from now, whatever the count (the
 * window bounds them, not parking). Conditional in one statement, as claimAttempt, so two instances' jobs for
 * the same row ask the provider once.
 */
async function claimLateLook(env: PaymentsEnv, em: EntityManager, row: DueRow): Promise<Claim> {
  const everyMs = (env.recovery ?? RECOVERY_DEFAULTS).lateCheckEveryMs;
  const claimed = await em.getConnection().execute<{ attempts: number }[]>(
    `insert into reconcile_attempt (resource, site_id, attempts, next_attempt_at, last_attempt_at)
     values (?, ?, 1, now() + ?::float8 * interval '1 millisecond', now())
     on conflict (resource) do update set
       attempts = reconcile_attempt.attempts + 1,
       last_attempt_at = now(),
       next_attempt_at = now() + ?::float8 * interval '1 millisecond'
     where reconcile_attempt.next_attempt_at <= now()
     returning attempts`,
    [row.resource, row.siteId, everyMs, everyMs],
  );
  return claimed.length ? { claimed: true, attempts: claimed[0].attempts, parked: false } : { claimed: false };
}
