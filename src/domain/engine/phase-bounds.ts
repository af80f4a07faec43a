import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../kernel/errors';
import type { PhaseTiming } from '../idempotency/idempotency.service';
import type { StoredResponse } from '../idempotency/idempotency.service';
import type { CallStartedRow } from '../idempotency/idempotency-claim';
import { isRetryableConflict } from './in-transaction';
import { kindOf } from './kinds';
import type { MovementRef } from './movement-ref';

/**
 * Phase 1 and phase 3 wait on the database at most this long per lock and per statement, so an owner that is
 * alive never holds its claim anywhere near the takeover age (config.ts checks the margin).
 */
export async function boundPhase(tx: EntityManager, timing: PhaseTiming): Promise<void> {
  // One round trip for both: set_config(…, true) is `set local` (it ends with the transaction).
  await tx.execute(`select set_config('lock_timeout', ?, true), set_config('statement_timeout', ?, true)`, [
    `${Math.floor(timing.lockTimeoutMs)}ms`,
    `${Math.floor(timing.statementTimeoutMs)}ms`,
  ]);
}

/** lock_not_available and query_canceled: our own phase timeouts fired. */
const TIMEOUTS = new Set(['55P03', '57014']);

/** Our timeouts, or a conflict inTransaction already retried: try again later, nothing was written. */
export function isTransientDbError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return isRetryableConflict(error) || (typeof code === 'string' && TIMEOUTS.has(code));
}

export function busy(): DomainError {
  return new DomainError('RESOURCE_BUSY', 'the records this operation needs are busy; nothing was sent to the provider and the idempotency key is free: retry shortly');
}

/** The ids a movement answers with while it is unsettled (its kind's answer fields): known since phase 1. */
export function provisionalAnswer(ref: MovementRef, state: object): StoredResponse {
  const ids = kindOf(ref.kind).answerFields;
  const entries = Object.entries(state).filter(([k, v]) => ids.includes(k) && typeof v === 'string');
  return Object.fromEntries(entries);
}

/**
 * The provider call starts now, on the database clock, just before phase 1 commits: "not found" at the
 * provider is judged from this moment, so a slow phase 1 cannot make the reconciler fail a call in flight.
 */
export async function markCallStarted(tx: EntityManager, ref: MovementRef): Promise<void> {
  await tx.execute(`update "${kindOf(ref.kind).table}" set call_started_at = clock_timestamp() where id = ?`, [ref.id]);
}

/** The same stamp, as the idempotency claim's attach statement carries it when the movement runs under a key. */
export function callStartedRow(ref: MovementRef): CallStartedRow {
  return { table: kindOf(ref.kind).table, id: ref.id };
}
