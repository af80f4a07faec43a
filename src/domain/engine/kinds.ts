import { operationKind } from '../payments/operation.kind';
import { paymentKind } from '../payments/payment.kind';
import { payoutKind } from '../payouts/payout.kind';
import { refundKind } from '../refunds/refund.kind';
import type { MovementKind } from './movement-kind';
import type { MovementKindName } from './movement-ref';

/**
 * The registered movement kinds, in the order a callback's reference is looked up (a payment first). Adding
 * a kind is one module (see movement-kind.ts) and one line here; nothing else in the engine names kinds.
 */
export const KINDS: readonly MovementKind[] = [paymentKind, operationKind, refundKind, payoutKind];

const BY_NAME = new Map(KINDS.map((kind) => [kind.name, kind]));

export function kindOf(name: MovementKindName): MovementKind {
  const kind = BY_NAME.get(name);
  if (!kind) throw new Error(`no movement kind "${name}" is registered`);
  return kind;
}

/** The kinds whose rows are made on a row of `parent` (captures, voids and refunds on a payment). */
export function childKindsOf(parent: MovementKindName): MovementKind[] {
  return KINDS.filter((kind) => kind.child?.of === parent);
}
