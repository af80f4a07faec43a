import { TransactionStatus as S } from './transaction-status';

/**
 * The only place that says which status changes are legal. Everything else asks `canTransition`.
 *
 * - Terminal: DECLINED, FAILED, CANCELLED; SUCCEEDED too (refunds are tracked as amounts, not statuses).
 * - OUTCOME_UNKNOWN may become anything the provider reports, because the money may or may not have moved.
 * - AUTHORIZED only becomes SUCCEEDED (captured) or CANCELLED (voided); a late "processing" or
 *   "requires action" callback after it changes nothing.
 * - REQUIRES_ACTION does not fall back to PROCESSING: while the customer is at the bank's page a status query
 *   answers "pending", which is no progress; the customer's step ends in a result (or expires).
 * - A FAILED or CANCELLED that the gateway inferred itself (the provider had no record, the customer step
 *   expired or was abandoned) may still become what the provider verifiably did: see canCorrectInferredEnd.
 */
const SETTLING = [S.PROCESSING, S.REQUIRES_ACTION, S.AWAITING_FEE_SELECTION, S.OUTCOME_UNKNOWN] as const;
const FINAL_RESULTS = [S.AUTHORIZED, S.SUCCEEDED, S.DECLINED, S.FAILED, S.CANCELLED] as const;

const TRANSITIONS: Readonly<Record<S, readonly S[]>> = {
  [S.PENDING]: [...SETTLING, ...FINAL_RESULTS],
  [S.AWAITING_FEE_SELECTION]: [S.PROCESSING, S.REQUIRES_ACTION, S.OUTCOME_UNKNOWN, ...FINAL_RESULTS],
  [S.REQUIRES_ACTION]: [S.OUTCOME_UNKNOWN, ...FINAL_RESULTS],
  [S.PROCESSING]: [S.REQUIRES_ACTION, S.OUTCOME_UNKNOWN, ...FINAL_RESULTS],
  [S.OUTCOME_UNKNOWN]: [S.PROCESSING, S.REQUIRES_ACTION, S.AWAITING_FEE_SELECTION, ...FINAL_RESULTS],
  [S.AUTHORIZED]: [S.SUCCEEDED, S.CANCELLED],
  [S.SUCCEEDED]: [],
  [S.DECLINED]: [],
  [S.FAILED]: [],
  [S.CANCELLED]: [],
};

export function canTransition(from: S, to: S): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isTerminal(status: S): boolean {
  return TRANSITIONS[status].length === 0;
}

/** Statuses whose outcome the gateway still has to learn from the provider (reconciler, callbacks, polling). */
export function isUnsettled(status: S): boolean {
  return (SETTLING as readonly S[]).includes(status) || status === S.PENDING;
}

/** The customer has to do something before the provider can finish (3-D Secure, a fee choice). */
export function isAwaitingCustomer(status: S): boolean {
  return status === S.REQUIRES_ACTION || status === S.AWAITING_FEE_SELECTION;
}

/**
 * Decline codes of endings the gateway decided without the provider's word: "not found" for long enough, a
 * customer step that expired or that the merchant cancelled while the provider still waited.
 */
export const INFERRED_ENDINGS = ['NOT_RECEIVED_BY_PROVIDER', 'CUSTOMER_ACTION_EXPIRED', 'CUSTOMER_ACTION_CANCELLED'] as const;

/**
 * The one exception to "final is final": the provider's verified status (a status query, never a callback
 * alone) says money moved on a payment the gateway ended by inference. The money state must follow the
 * provider — the card was charged — so FAILED/CANCELLED may become AUTHORIZED or SUCCEEDED, recorded as a
 * `late_success` event.
 */
export function canCorrectInferredEnd(from: S, declineCode: string | null | undefined, to: S): boolean {
  if (from !== S.FAILED && from !== S.CANCELLED) return false;
  if (!(INFERRED_ENDINGS as readonly string[]).includes(declineCode ?? '')) return false;
  return to === S.AUTHORIZED || to === S.SUCCEEDED;
}

/** Capture and void act on an authorization that can still become SUCCEEDED or CANCELLED. */
export function canCaptureOrCancel(status: S): boolean {
  return canTransition(status, S.SUCCEEDED) && canTransition(status, S.CANCELLED) && !isUnsettled(status);
}
