/**
 * Fault and timing knobs. Tests change them on the running sandbox (the object, or POST /__sandbox/knobs);
 * every knob that delays is bounded so a test can never hang the machine.
 */
export interface Knobs {
  /** Added before every payment-API answer. */
  latencyMs: number;
  /** How long the "slow" test card takes to answer. */
  slowCardDelayMs: number;
  /** Lifetime of an issued authToken (the platform's is one hour). */
  tokenTtlMs: number;
  /** The next N money-moving requests are processed, then their connection is dropped without an answer. */
  loseResponses: number;
  /** The next N payment-API requests answer HTTP 503 before doing anything. */
  fail503: number;
  /** Post signed notifications to notificationUrl when an asynchronous payment settles. */
  sendCallbacks: boolean;
  /** Wait this long before posting a notification. */
  callbackDelayMs: number;
  /** The share of the amount (1-100) the partial-approval test card's issuer approves; the answer carries it. */
  partialApprovalPercent: number;
  /**
   * The next N payment requests (POST /payments) are "processed late": the connection is dropped at once, the
   * payment does not exist (inquiry answers 404) until lateProcessingDelayMs later, then it is processed as
   * if it had just arrived (charged, notification sent). A provider's backlog after an outage looks like this.
   */
  lateProcessing: number;
  lateProcessingDelayMs: number;
  /**
   * The same for the next N back-office money operations: a capture, refund or void (CP, RF, RV on /payments/{id}) or a
   * payout (PO on /payout). The platform takes the request in and drops the connection; until
   * lateProcessingDelayMs later the inquiry shows nothing of it (the payment not captured or refunded, the
   * payout unknown), then it is processed as if it had just arrived and the notificationUrl is told.
   */
  lateBackoffice: number;
  /**
   * The next N payment answers (DB, PA, PO) carry the result code but neither `status` nor
   * `transactionStatus`, as some of the vendor's samples answer: the adapter must read the code.
   */
  answerWithoutStatus: number;
}

const MAX_DELAY_MS = 60_000;

export const defaultKnobs = (): Knobs => ({
  latencyMs: 0,
  slowCardDelayMs: 3_000,
  tokenTtlMs: 60 * 60 * 1000,
  loseResponses: 0,
  fail503: 0,
  sendCallbacks: true,
  callbackDelayMs: 0,
  partialApprovalPercent: 60,
  lateProcessing: 0,
  lateProcessingDelayMs: 5_000,
  lateBackoffice: 0,
  answerWithoutStatus: 0,
});

/** Applies a partial update, refusing values that are not finite non-negative numbers or booleans. */
export function updateKnobs(knobs: Knobs, patch: Record<string, unknown>): Knobs {
  for (const [name, value] of Object.entries(patch)) {
    if (!(name in knobs)) throw new RangeError(`unknown knob ${name}`);
    const current = knobs[name as keyof Knobs];
    if (typeof current === 'boolean') {
      if (typeof value !== 'boolean') throw new RangeError(`${name} must be a boolean`);
      (knobs as unknown as Record<string, unknown>)[name] = value;
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number`);
    (knobs as unknown as Record<string, unknown>)[name] = name.endsWith('Ms') ? Math.min(value, MAX_DELAY_MS) : Math.floor(value);
  }
  return knobs;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, MAX_DELAY_MS)));
