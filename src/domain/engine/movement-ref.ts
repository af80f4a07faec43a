/** The four kinds of money movement the engine knows (src/domain/engine/kinds.ts registers their modules). */
export type MovementKindName = 'payment' | 'operation' | 'refund' | 'payout';

/** A typed reference to one movement row. */
export interface MovementRef {
  kind: MovementKindName;
  id: string;
}

/**
 * The stored form (`Transaction:<id>`, `PaymentOperation:<id>`, …) is what idempotency records
 * (idempotency_record.resource), reconcile_attempt.resource and pg-boss singleton keys already hold, so it is
 * kept: rows written before this module read the same. This table is the only place that spells it.
 */
const STORED: Record<MovementKindName, string> = { payment: 'Transaction', operation: 'PaymentOperation', refund: 'Refund', payout: 'Payout' };
const BY_STORED = new Map(Object.entries(STORED).map(([kind, stored]) => [stored, kind as MovementKindName]));

export function formatRef(ref: MovementRef): string {
  return `${STORED[ref.kind]}:${ref.id}`;
}

/** Undefined for a string that names no movement (an unknown prefix, no id). */
export function parseRef(stored: string): MovementRef | undefined {
  const at = stored.indexOf(':');
  const kind = BY_STORED.get(stored.slice(0, at));
  const id = stored.slice(at + 1);
  return at > 0 && kind && id ? { kind, id } : undefined;
}

/** The prefix of the stored form, for SQL that builds references in the database (`'<prefix>' || id`). */
export function storedPrefix(kind: MovementKindName): string {
  return `${STORED[kind]}:`;
}
