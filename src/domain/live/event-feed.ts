import type { EntityManager } from '@mikro-orm/postgresql';
import type { CurrencyCode } from '../../kernel/money';
import type { Position } from '../read/pagination';
import { snapshots } from '../read/read-snapshot';
import { tenantCondition } from '../tenancy';
import { TransactionEvent } from '../transactions/transaction-event.entity';

export const FEED_PAGE = 100;
/**
 * Margin below the oldest open database transaction's start: an event's created_at is set by the writing
 * instance's clock just after its transaction began, so instance clocks may differ from the database's by
 * this much before the feed could skip a row.
 */
export const CLOCK_MARGIN_MS = 100;
/** How soon a feed looks again when it held rows back. */
export const RECHECK_MS = 100;

export interface FeedPage {
  /** Each with its transaction's currency, which its amount is in. */
  events: (TransactionEvent & { currency: CurrencyCode })[];
  /** FEED_PAGE rows came back: read again at once. */
  full: boolean;
  /** Some rows are newer than the horizon: read again soon even without a notice. */
  heldBack: boolean;
}

/**
 * The acting site's transaction events after `after`, oldest first, in the order of Transaction.events
 * cursors ((createdAt, id)), and only up to the horizon: the feed must never hand out a position that a
 * still-uncommitted event would sort before, or a client resuming from that cursor would skip it. An event
 * is written with created_at ≥ the start of its database transaction, so every event older than the oldest
 * transaction still open (read first, in its own statement, before the rows) is final.
 */
export async function eventsAfter(em: EntityManager, after: Position): Promise<FeedPage> {
  const horizon = await feedHorizon(em);
  const table = snapshots(em, TransactionEvent);
  const scope = tenantCondition(em, TransactionEvent, 't');
  const rows = await em.execute<Record<string, unknown>[]>(
    `select ${table.columns}, tx."currency" as "__currency" from ${table.table} t join "transaction" tx on tx."id" = t."transaction_id"
      where ${scope.sql} and (t."created_at", t."id") > (?::timestamptz, ?::uuid) order by t."created_at", t."id" limit ?`,
    [...scope.params, after.createdAt.toISOString(), after.id, FEED_PAGE],
  );
  const final = rows.filter((row) => new Date(row.created_at as string | Date) < horizon);
  const events = final.map((row) => Object.assign(table.map(row), { currency: String(row.__currency) as CurrencyCode }));
  return { events, full: rows.length === FEED_PAGE && final.length === rows.length, heldBack: final.length < rows.length };
}

/** Where a feed opened without a cursor starts: after every event final now, so it sees only what comes next. */
export async function feedStart(em: EntityManager): Promise<Position> {
  const horizon = await feedHorizon(em);
  return { createdAt: new Date(horizon.getTime() - 1), id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' };
}

/**
 * The instant before which no event can still appear: the start of the oldest transaction open in this
 * database (or now), less the clock margin, to the millisecond as cursors are. Sessions of other roles show
 * no xact_start without pg_read_all_stats; the gateway writes with one role.
 */
async function feedHorizon(em: EntityManager): Promise<Date> {
  const [row] = await em.execute<{ horizon: Date | string }[]>(
    `select date_trunc('milliseconds', least(clock_timestamp(), min(xact_start)) - interval '${CLOCK_MARGIN_MS} milliseconds') as horizon
       from pg_stat_activity where datname = current_database() and xact_start is not null and pid <> pg_backend_pid()`,
  );
  return new Date(row!.horizon);
}
