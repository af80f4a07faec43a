import type { EntityManager } from '@mikro-orm/postgresql';
import type { OperationKind } from '../../providers/provider';
import { childKindsOf, KINDS } from '../engine/kinds';
import type { FoundMovement } from '../engine/movement-kind';

export type CallbackTarget = FoundMovement;

/** Finds what a callback is about from our reference (or the provider's id), asking each registered kind in turn. */
export async function findTarget(em: EntityManager, provider: string, hint: { reference?: string; providerTransactionId?: string }): Promise<CallbackTarget | undefined> {
  const { reference, providerTransactionId } = hint;
  for (const kind of reference ? KINDS : []) {
    const found = await kind.findByReference(em, provider, reference!);
    if (found) return found;
  }
  for (const kind of providerTransactionId ? KINDS : []) {
    const found = await kind.findByProviderId?.(em, provider, providerTransactionId!);
    if (found) return found;
  }
  return undefined;
}

/**
 * A provider that names the payment in a capture, void or refund callback (not the operation's own reference):
 * the movement is the newest open one of the kind that makes that operation on the payment.
 */
export async function narrowToOperation(em: EntityManager, target: CallbackTarget, operation: OperationKind): Promise<CallbackTarget> {
  const child = childKindsOf(target.ref.kind).find((kind) => kind.child!.operations.includes(operation));
  const [open] = child ? await child.child!.openOf(em, target.ref.id, operation) : [];
  return open ? { ref: open.ref, site: target.site } : target;
}
