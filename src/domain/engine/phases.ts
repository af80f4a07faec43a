import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../kernel/errors';
import { ClaimLostError, type Claim, type IdempotencyService, type IdempotentCall, type StoredResponse } from '../idempotency/idempotency.service';
import { boundPhase, busy, callStartedRow, isTransientDbError, markCallStarted, provisionalAnswer } from './phase-bounds';
import { inTransaction } from './in-transaction';
import type { PaymentsEnv } from './payments-env';
import { formatRef, type MovementRef } from './movement-ref';
import { resolveStored } from './resolve';

/**
 * One money movement in three phases (docs/architecture.md "The phases"):
 * 1. `prepare`, in a DB transaction: validate, write the PENDING row with the reference that will be sent,
 *    and attach it to the idempotency key — all or nothing;
 * 2. `call` the provider, outside any DB transaction;
 * 3. `record`, in a second DB transaction: apply the result and store the response under the key.
 * A retry whose key already names a movement (its first owner died between 1 and 3) never calls again: the
 * engine resolves that movement by asking the provider for its status (resolve.ts). A movement that moves no
 * money (saving a card) returns no `movement`: a retry after a crash simply runs it again.
 *
 * The key's owner heartbeats while it works and every write under the key is fenced by its owner token; a
 * request whose claim was taken over (it looked dead) rolls phase 1 back and never calls the provider.
 */
export interface Phases<S, R> {
  /** A read from the provider that phase 1 needs (a fee quote), after the key is claimed and outside any DB transaction. */
  before?(): Promise<void>;
  prepare(tx: EntityManager): Promise<S & { movement?: MovementRef }>;
  call(state: S): Promise<R>;
  record(tx: EntityManager, state: S, result: R): Promise<StoredResponse>;
}

/** `recorded`: this request's phase 3 committed, so the rows it wrote are the answer as it stands (no re-read). */
type Answer = { response: StoredResponse; replayed: boolean; recorded?: boolean };

export async function runPhases<S, R>(env: PaymentsEnv, call: IdempotentCall, phases: Phases<S, R>): Promise<Answer> {
  const { em, idempotency } = env;
  let claim: Claim | undefined;
  if (call.key) {
    const claimed = await idempotency.claim({ ...call, key: call.key });
    if (claimed.kind !== 'claimed') return { response: claimed.response, replayed: true };
    claim = claimed.claim;
  }
  const stop = claim?.keepAlive();
  try {
    if (claim?.resource) {
      const response = await resolveStored(env, claim.resource);
      await inTransaction(em, (tx) => claim.complete(tx, response));
      return { response, replayed: true };
    }
    await before(phases, claim);
    const state = await prepare(em, idempotency, phases, claim);
    if (!state) return answerOfNewOwner(idempotency, call);
    const result = await phases.call(state);
    return await record(em, idempotency, phases, claim, state, result);
  } finally {
    stop?.();
  }
}

/** A refusal here (bad input found by asking the provider) wrote nothing: the key is released, as after phase 1. */
async function before<S, R>(phases: Phases<S, R>, claim?: Claim): Promise<void> {
  try {
    await phases.before?.();
  } catch (error) {
    await claim?.release();
    throw error;
  }
}

/** Phase 1, bounded; undefined when the claim was taken over (nothing was written, nothing will be sent). */
async function prepare<S, R>(em: EntityManager, idempotency: IdempotencyService, phases: Phases<S, R>, claim?: Claim) {
  try {
    return await inTransaction(em, async (tx) => {
      await boundPhase(tx, idempotency.timing);
      const prepared = await phases.prepare(tx);
      if (prepared.movement && claim) {
        // The call-started stamp rides on the attach: one round trip, still the last statement before commit.
        await claim.attach(tx, formatRef(prepared.movement), provisionalAnswer(prepared.movement, prepared), callStartedRow(prepared.movement));
      } else if (prepared.movement) {
        await markCallStarted(tx, prepared.movement);
      }
      return prepared;
    });
  } catch (error) {
    if (error instanceof ClaimLostError) return undefined;
    await claim?.release();
    throw isTransientDbError(error) ? busy() : error;
  }
}

/**
 * Phase 3, bounded. If it cannot write (a lock held too long, a timeout) the row stays as phase 1 left it and
 * the reconciler settles it; the answer is the resource as it stands now, and retries of the key get the same.
 * A refusal of a movement without a resource (a card the provider would not save) releases the key.
 */
async function record<S, R>(em: EntityManager, idempotency: IdempotencyService, phases: Phases<S, R>, claim: Claim | undefined, state: S & { movement?: MovementRef }, result: R): Promise<Answer> {
  try {
    return await inTransaction(em, async (tx) => {
      await boundPhase(tx, idempotency.timing);
      const stored = await phases.record(tx, state, result);
      await claim?.complete(tx, stored);
      return { response: stored, replayed: false, recorded: true };
    });
  } catch (error) {
    if (!state.movement && error instanceof DomainError) {
      await claim?.release();
      throw error;
    }
    if (state.movement && isTransientDbError(error)) return { response: provisionalAnswer(state.movement, state), replayed: false };
    throw error;
  }
}

/** Our claim went to a retry while we waited: answer what that retry answers, once it has. */
async function answerOfNewOwner(idempotency: IdempotencyService, call: IdempotentCall): Promise<Answer> {
  const until = Date.now() + idempotency.timing.takeoverAfterMs;
  for (;;) {
    const record = await idempotency.peek(call);
    if (record?.completed || (record?.response && Date.now() > until)) return { response: record.response ?? {}, replayed: true };
    if (Date.now() > until) {
      throw new DomainError('IDEMPOTENCY_KEY_IN_PROGRESS', 'a request with this idempotency key is still being processed; retry later', ['idempotencyKey']);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
