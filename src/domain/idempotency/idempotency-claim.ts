import type { EntityManager } from '@mikro-orm/postgresql';
import type { StoredResponse } from './idempotency.service';

/** The claim's owner token no longer matches: another request took the key over (this one looked dead). */
export class ClaimLostError extends Error {
  constructor() {
    super('the idempotency claim was taken over by another request');
  }
}

/**
 * A claimed key, fenced by its owner token: every write names the owner, so a request whose claim was taken
 * over can write nothing more under the key. `resource` is set when a previous owner died after creating
 * something (a PENDING transaction, say): the new owner must resume that resource rather than create another.
 */
export interface Claim {
  readonly resource?: string;
  /**
   * Names the resource and the answer to give while it is unsettled; throws ClaimLostError (rolling phase 1 back).
   * `callStarted` names the movement row whose call_started_at is stamped (database clock) in the same statement.
   */
  attach(tx: EntityManager, resource: string, answer: StoredResponse, callStarted?: CallStartedRow): Promise<void>;
  /** Stores the response; false when the claim was lost (the new owner answers for the same resource). */
  complete(tx: EntityManager, response: StoredResponse): Promise<boolean>;
  release(): Promise<void>;
  /** Refreshes locked_at while the owner works, so a live owner is never taken for a dead one. Returns stop(). */
  keepAlive(): () => void;
}

/** The row of a movement whose provider call starts as phase 1 commits (engine/phase-bounds.ts markCallStarted). */
export interface CallStartedRow {
  table: string;
  id: string;
}

/**
 * The attach as one statement: the key's update and, when a movement row is named, the stamp of its call start.
 * Both data-modifying parts run once whatever the outer select reads; the stamp is taken only if the key is still
 * ours (a lost claim rolls phase 1 back anyway). clock_timestamp() is read as this last statement of phase 1 runs,
 * as the separate stamp used to be.
 */
function attachSql(mine: string, callStarted?: CallStartedRow): string {
  const key = `update idempotency_record set resource = ?, response = ? where ${mine} returning id`;
  if (!callStarted) return key;
  return `with k as (${key}), c as (update "${callStarted.table}" set call_started_at = clock_timestamp() where id = ? and exists (select from k) returning id) select id from k`;
}

export function claimHandle(em: EntityManager, id: string, owner: string, takeoverAfterMs: number, resource?: string): Claim {
  const mine = `id = ? and owner = ? and state = 'IN_PROGRESS'`;
  return {
    resource,
    attach: async (tx, value, answer, callStarted) => {
      const params = [value, JSON.stringify(answer), id, owner, ...(callStarted ? [callStarted.id] : [])];
      const rows = await tx.execute<{ id: string }[]>(attachSql(mine, callStarted), params);
      if (!rows.length) throw new ClaimLostError();
    },
    complete: async (tx, response) => {
      const rows = await tx.execute<{ id: string }[]>(`update idempotency_record set state = 'COMPLETED', response = ? where ${mine} returning id`, [JSON.stringify(response), id, owner]);
      return rows.length === 1;
    },
    release: async () => {
      await em.fork().execute(`delete from idempotency_record where ${mine} and resource is null`, [id, owner]);
    },
    keepAlive: () => heartbeat(em, id, owner, takeoverAfterMs),
  };
}

/** Beats at a quarter of the takeover age; one beat at a time, so a stalled database never piles them up. */
function heartbeat(em: EntityManager, id: string, owner: string, takeoverAfterMs: number): () => void {
  let beating = false;
  const timer = setInterval(() => {
    if (beating) return;
    beating = true;
    em.fork()
      .execute(`update idempotency_record set locked_at = now() where id = ? and owner = ? and state = 'IN_PROGRESS'`, [id, owner])
      .catch(() => undefined)
      .finally(() => {
        beating = false;
      });
  }, Math.max(50, Math.floor(takeoverAfterMs / 4)));
  timer.unref();
  return () => clearInterval(timer);
}
