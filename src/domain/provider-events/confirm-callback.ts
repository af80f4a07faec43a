import type { EntityManager } from '@mikro-orm/postgresql';
import { childKindsOf, kindOf } from '../engine/kinds';
import type { OpenMovement } from '../engine/movement-kind';
import { isEndedByInference } from '../engine/late-success';
import type { MovementRef } from '../engine/movement-ref';
import { deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { resolveMovement } from '../engine/resolve';
import type { CallbackTarget } from './callback-target';

/**
 * The movements a callback about `target` may resolve that are still open. A callback naming a payment may be
 * about its capture, void or refund (the card gateway names the payment in all of them, and which one it is
 * is not signed), so the open movements of its child kinds count too. A PENDING row younger than `cutoff` has
 * its provider call in flight: that call records its own answer, so, as for the reconciler, it is left alone.
 */
async function openMovements(em: EntityManager, target: CallbackTarget, cutoff: Date): Promise<MovementRef[]> {
  const { ref } = target;
  const own = await kindOf(ref.kind).openRow(em, ref.id);
  const children = await Promise.all(childKindsOf(ref.kind).map((kind) => kind.child!.openOf(em, ref.id)));
  const settling = (row: OpenMovement) => row.status !== 'PENDING' || row.callStartedAt < cutoff;
  return [...(own ? [own] : []), ...children.flat()].filter(settling).map((row) => row.ref);
}

/**
 * The movements a callback about `target` may be about that the gateway ended by inference (the provider had no
 * record of them for its whole window): the provider telling about one may mean it made it after all. The
 * callback only makes the gateway ask; the status answer decides (a late success, engine/late-success.ts).
 */
async function endedMovements(em: EntityManager, target: CallbackTarget): Promise<MovementRef[]> {
  const { ref } = target;
  const own = (await isEndedByInference(em, kindOf(ref.kind), ref.id)) ? [ref] : [];
  const children = await Promise.all(childKindsOf(ref.kind).map((kind) => kind.lateSuccess?.endedOf?.(em, ref.id) ?? []));
  return [...own, ...children.flat()];
}

/**
 * A verified callback whose signature does not cover its outcome: ask the provider (`status`, through the
 * same resolve path the reconciler uses) about every open movement it may be about, and about those the
 * gateway ended by inference, and apply only that answer. Nothing is asked once they are all settled by the
 * provider's word, and a replayed notification is a duplicate of the stored one, so it costs no provider call.
 * Returns whether everything is settled now; if not (the provider still works on it, or did not answer) the
 * reconciler keeps asking.
 */
export async function confirmWithProvider(env: PaymentsEnv, target: CallbackTarget): Promise<boolean> {
  const cutoff = new Date(Date.now() - deadlineOf(env));
  const em = env.em.fork();
  const refs = [...(await openMovements(em, target, cutoff)), ...(await endedMovements(em, target))];
  const unique = [...new Map(refs.map((ref) => [`${ref.kind}:${ref.id}`, ref])).values()];
  for (const ref of unique) await resolveMovement(env, ref);
  return (await openMovements(env.em.fork(), target, cutoff)).length === 0;
}
