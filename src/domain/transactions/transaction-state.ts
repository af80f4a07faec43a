import { TransactionStatus as S } from './transaction-status';

/**
 * The only place that says which status changes are legal. Everything else asks `canTransition`.
 *
 * - Terminal: DECLINED, FAILED, CANCELLED; SUCCEEDED too (refunds are tracked as amounts, not statuses).
 * - OUTCOME_UNKNOWN may become anything the provider reports, because the money may or may not have moved.
 * - AUTHORIZED only becomes SUCCEEDED (captured) or CANCELLED (voided); a late "processing" or
 *   "requires action" callback after it changes nothing.
 */
const SETTLING = [S.PROCESSING, S.REQUIRES_ACTION, S.AWAITING_FEE_SELECTION, S.OUTCOME_UNKNOWN] as const;
const FINAL_RESULTS = [S.AUTHORIZED, S.SUCCEEDED, S.DECLINED, S.FAILED, S.CANCELLED] as const;

const TRANSITIONS: Readonly<Record<S, readonly S[]>> = {
  [S.PENDING]: [...SETTLING, ...FINAL_RESULTS],
  [S.AWAITING_FEE_SELECTION]: [S.PROCESSING, S.REQUIRES_ACTION, S.OUTCOME_UNKNOWN, ...FINAL_RESULTS],
  [S.REQUIRES_ACTION]: [S.PROCESSING, S.OUTCOME_UNKNOWN, ...FINAL_RESULTS],
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

/** Capture and void act on an authorization that can still become SUCCEEDED or CANCELLED. */
export function canCaptureOrCancel(status: S): boolean {
  return canTransition(status, S.SUCCEEDED) && canTransition(status, S.CANCELLED) && !isUnsettled(status);
}
