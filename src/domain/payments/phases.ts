import type { EntityManager } from '@mikro-orm/postgresql';
import type { Claim, IdempotencyService, IdempotentCall, StoredResponse } from '../idempotency/idempotency.service';
import { inTransaction } from './in-transaction';

/**
 * One money movement in three phases (DESIGN.md "Crash safety"):
 * 1. `prepare`, in a DB transaction: validate, write the PENDING row with the reference that will be sent,
 *    and attach it to the idempotency key — all or nothing;
 * 2. `call` the provider, outside any DB transaction;
 * 3. `record`, in a second DB transaction: apply the result and store the response under the key.
 * A retry whose key already names a resource (its first owner died between 1 and 3) never calls again:
 * `resume` settles that resource by asking the provider for its status.
 */
export interface Phases<S, R> {
  prepare(tx: EntityManager): Promise<S & { resource: string }>;
  call(state: S): Promise<R>;
  record(tx: EntityManager, state: S, result: R): Promise<StoredResponse>;
  resume(resource: string): Promise<StoredResponse>;
}

export async function runPhases<S, R>(
  em: EntityManager,
  idempotency: IdempotencyService,
  call: IdempotentCall,
  phases: Phases<S, R>,
): Promise<{ response: StoredResponse; replayed: boolean }> {
  let claim: Claim | undefined;
  if (call.key) {
    const claimed = await idempotency.claim({ ...call, key: call.key });
    if (claimed.kind === 'replay') return { response: claimed.response, replayed: true };
    claim = claimed.claim;
    if (claim.resource) {
      const response = await phases.resume(claim.resource);
      await inTransaction(em, (tx) => claim!.complete(tx, response));
      return { response, replayed: true };
    }
  }
  let state: S & { resource: string };
  try {
    state = await inTransaction(em, async (tx) => {
      const prepared = await phases.prepare(tx);
      await claim?.attach(tx, prepared.resource);
      return prepared;
    });
  } catch (error) {
    await claim?.release();
    throw error;
  }
  const result = await phases.call(state);
  const response = await inTransaction(em, async (tx) => {
    const stored = await phases.record(tx, state, result);
    await claim?.complete(tx, stored);
    return stored;
  });
  return { response, replayed: false };
}
