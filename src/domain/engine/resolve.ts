import type { StoredResponse } from '../idempotency/idempotency.service';
import { kindOf } from './kinds';
import { resolveInferredEnd } from './late-success';
import { parseRef, type MovementRef } from './movement-ref';
import type { PaymentsEnv } from './payments-env';
import { askStatus } from './provider-status';

/**
 * Resolves one movement: learns the provider's outcome of an open row by asking for its status — never by
 * sending the operation again — and applies it (the kind locks, then applies). Used by the reconciler, by an
 * idempotent retry whose first attempt died, by callbacks whose signature does not cover the outcome, and by
 * the customer's return from a redirect. Answers what the movement's idempotency answer is now. A row the
 * gateway ended by inference is asked about too: the provider may have made it after all (a late success).
 */
export async function resolveMovement(env: PaymentsEnv, ref: MovementRef): Promise<StoredResponse> {
  const kind = kindOf(ref.kind);
  if (await resolveInferredEnd(env, kind, ref.id)) return (await kind.view(env.em.fork(), ref.id))?.answer ?? { [kind.answerFields[0]]: ref.id };
  if (kind.resolve) return kind.resolve(env, ref.id);
  const em = env.em.fork();
  const view = await kind.view(em, ref.id);
  if (!view) return { [kind.answerFields[0]]: ref.id };
  if (view.inquiry) {
    const { site, provider, request } = view.inquiry;
    const outcome = await askStatus(env, em, site, provider, request);
    if (outcome) await kind.apply(env, ref.id, outcome, 'status');
  }
  return view.answer;
}

/** As resolveMovement, for a reference in its stored form (an idempotency record, a reconcile row). */
export async function resolveStored(env: PaymentsEnv, stored: string): Promise<StoredResponse> {
  const ref = parseRef(stored);
  if (!ref) throw new Error(`"${stored}" names no movement`);
  return resolveMovement(env, ref);
}
