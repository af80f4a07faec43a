import type { EntityManager } from '@mikro-orm/postgresql';
import { createHmac, createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { DomainError } from '../../kernel/errors';
import { claimHandle, type Claim } from './idempotency-claim';
import { IdempotencyRecord, IdempotencyState } from './idempotency-record.entity';

export { ClaimLostError, type Claim } from './idempotency-claim';

/** Keys are kept at least this long (Stripe keeps them 24 h). */
export const RETENTION_MS = 24 * 60 * 60 * 1000;
/**
 * An IN_PROGRESS claim whose heartbeat is older than this belonged to a process that died; a retry may take
 * it over. The owner refreshes it while it works and bounds its database waits well below it.
 */
export const DEFAULT_TAKEOVER_AFTER_MS = 60_000;

/** The takeover age and the database bounds of the phases that hold a claim (see config.ts). */
export interface PhaseTiming {
  takeoverAfterMs: number;
  lockTimeoutMs: number;
  statementTimeoutMs: number;
}

export const DEFAULT_TIMING: PhaseTiming = { takeoverAfterMs: DEFAULT_TAKEOVER_AFTER_MS, lockTimeoutMs: 5_000, statementTimeoutMs: 10_000 };

export interface IdempotentCall {
  scope: string;
  key?: string;
  operation: string;
  input: unknown;
}

export type StoredResponse = Record<string, unknown>;

/**
 * `attached`: the key's owner is alive and has created its resource (the call may be in flight, or phase 3
 * failed): the answer is that resource, re-read now, without waiting for the owner or taking over.
 */
export type ClaimResult =
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'attached'; response: StoredResponse }
  | { kind: 'claimed'; claim: Claim };

export class IdempotencyService {
  constructor(
    private readonly em: EntityManager,
    private readonly hashKey: Buffer,
    readonly timing: PhaseTiming = DEFAULT_TIMING,
  ) {}

  /** Simple mutations: the work and the stored response commit in one DB transaction. */
  async run<T extends StoredResponse>(
    call: IdempotentCall,
    work: (tx: EntityManager) => Promise<T>,
  ): Promise<{ response: T; replayed: boolean }> {
    if (!call.key) return { response: await this.em.fork().transactional(work), replayed: false };
    const claimed = await this.claim({ ...call, key: call.key });
    if (claimed.kind !== 'claimed') return { response: claimed.response as T, replayed: true };
    try {
      const response = await this.em.fork().transactional(async (tx) => {
        const result = await work(tx);
        await claimed.claim.complete(tx, result);
        return result;
      });
      return { response, replayed: false };
    } catch (error) {
      await claimed.claim.release();
      throw error;
    }
  }

  async claim(call: IdempotentCall & { key: string }): Promise<ClaimResult> {
    const requestHash = this.hash(call.operation, call.input);
    const em = this.em.fork();
    for (let attempt = 0; attempt < 3; attempt++) {
      const owner = randomUUID();
      const inserted = await em.execute<{ id: string }[]>(
        `insert into idempotency_record (id, scope, key, operation, request_hash, state, owner, locked_at, created_at, expires_at)
         values (gen_random_uuid(), ?, ?, ?, ?, 'IN_PROGRESS', ?, now(), now(), now() + (? || ' milliseconds')::interval)
         on conflict (scope, key) do nothing returning id`,
        [call.scope, call.key, call.operation, requestHash, owner, String(RETENTION_MS)],
      );
      if (inserted.length) return { kind: 'claimed', claim: this.handle(inserted[0].id, owner) };
      const existing = await em.fork().findOne(IdempotencyRecord, { scope: call.scope, key: call.key });
      if (!existing) continue;
      if (existing.expiresAt.getTime() < Date.now()) {
        // Compared with now(), not with the loaded value: a JS Date drops PostgreSQL's microseconds, so an
        // equality check on it never matches and the expired key could never be used again.
        await em.execute(`delete from idempotency_record where id = ? and expires_at < now()`, [existing.id]);
        continue;
      }
      if (existing.requestHash !== requestHash || existing.operation !== call.operation) {
        throw new DomainError(
          'IDEMPOTENCY_KEY_REUSED',
          'this idempotency key was already used with a different operation or input',
          ['idempotencyKey'],
        );
      }
      if (existing.state === IdempotencyState.COMPLETED) return { kind: 'replay', response: existing.response ?? {} };
      const takenOver = await this.takeOverStale(em, existing, owner);
      if (takenOver) return { kind: 'claimed', claim: this.handle(existing.id, owner, existing.resource) };
      if (existing.resource && existing.response) return { kind: 'attached', response: existing.response };
      throw new DomainError(
        'IDEMPOTENCY_KEY_IN_PROGRESS',
        'a request with this idempotency key is still being processed; retry later',
        ['idempotencyKey'],
      );
    }
    throw new Error('could not claim idempotency key');
  }

  /**
   * Only one retry wins: a concurrent second UPDATE waits for the first's row lock, re-reads the row and
   * finds locked_at fresh. (No equality check on the loaded locked_at: a JS Date drops the microseconds.)
   */
  /** The key's record as it stands, read only (for a request that lost its claim and waits for the new owner). */
  async peek(call: IdempotentCall & { key?: string }): Promise<{ completed: boolean; response?: StoredResponse } | null> {
    if (!call.key) return null;
    const record = await this.em.fork().findOne(IdempotencyRecord, { scope: call.scope, key: call.key });
    if (!record) return null;
    return { completed: record.state === IdempotencyState.COMPLETED, response: record.response };
  }

  /** The new owner token fences the old owner out of every later write (see idempotency-claim.ts). */
  private async takeOverStale(em: EntityManager, record: IdempotencyRecord, owner: string): Promise<boolean> {
    const updated = await em.execute<{ id: string }[]>(
      `update idempotency_record set locked_at = now(), owner = ?
        where id = ? and state = 'IN_PROGRESS' and locked_at < now() - (? || ' milliseconds')::interval
        returning id`,
      [owner, record.id, String(this.timing.takeoverAfterMs)],
    );
    return updated.length === 1;
  }

  private handle(id: string, owner: string, resource?: string): Claim {
    return claimHandle(this.em, id, owner, this.timing.takeoverAfterMs, resource);
  }

  /** Keyed, so a stored hash of an input that held a card number can't be brute-forced back to it. */
  private hash(operation: string, input: unknown): string {
    return createHmac('sha256', keyObjectOf(this.hashKey)).update(operation).update('\0').update(canonicalJson(input)).digest('hex');
  }
}

/**
 * The process-wide hash key as a key object, made once: a raw Buffer is turned into one on every HMAC (about 1 %
 * of a payment's CPU), and a service is built per request.
 */
const keyObjects = new WeakMap<Buffer, KeyObject>();
function keyObjectOf(key: Buffer): KeyObject {
  let made = keyObjects.get(key);
  if (!made) keyObjects.set(key, (made = createSecretKey(key)));
  return made;
}

export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Keys whose owner died (no heartbeat for the takeover age) are not left IN_PROGRESS until a client happens to
 * retry. One whose movement was written (a resource is attached) is completed with the answer stored when it
 * was attached — a replay re-reads that movement as it stands, and the reconciler settles the movement itself.
 * One without (the owner died before phase 1 committed) is released: nothing was sent to a provider, so the
 * key may run again. Conditional on locked_at, so a live owner, which heartbeats, is never touched.
 */
export async function closeAbandonedKeys(em: EntityManager, takeoverAfterMs: number): Promise<{ completed: number; released: number }> {
  const age = String(takeoverAfterMs);
  const completed = await em.fork().execute<{ id: string }[]>(
    `update idempotency_record set state = 'COMPLETED', owner = null
      where state = 'IN_PROGRESS' and resource is not null and response is not null
        and locked_at < now() - (? || ' milliseconds')::interval returning id`,
    [age],
  );
  const released = await em.fork().execute<{ id: string }[]>(
    `delete from idempotency_record
      where state = 'IN_PROGRESS' and resource is null and locked_at < now() - (? || ' milliseconds')::interval returning id`,
    [age],
  );
  return { completed: completed.length, released: released.length };
}

/**
 * Deletes keys past their retention, in batches that skip rows another purge holds, so instances running
 * it at once neither block nor double-count. Returns how many went.
 */
export async function purgeExpiredIdempotencyKeys(em: EntityManager, batchSize = 1000, maxBatches = 50): Promise<number> {
  let purged = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const rows = await em.fork().execute<{ id: string }[]>(
      `delete from idempotency_record where id in (
         select id from idempotency_record where expires_at < now() limit ? for update skip locked
       ) returning id`,
      [batchSize],
    );
    purged += rows.length;
    if (rows.length < batchSize) break;
  }
  return purged;
}
