/**
 * Timing and fault knobs, changed on the running sandbox (the object, or POST /__sandbox/knobs). Every delay is
 * bounded so a test can never hang the machine.
 */
export interface Knobs {
  /** Added before every API answer. */
  latencyMs: number;
  /** The next N API requests answer HTTP 500 general_technical_error before doing anything. */
  fail500: number;
  /** The next N payment creations are processed (the payment exists), then the connection drops without an answer. */
  loseCreateResponses: number;
  /** The next N money-moving requests (capture, refund/payout capture) are processed, then the connection drops. */
  loseResponses: number;
  /**
   * How long an AUTHORIZED payment waits for its capture before it becomes EXPIRED (the T&C say between 60 s and
   * 10 min; docs/paysafecard.md "Statuses").
   */
  authorizationTtlMs: number;
  /** How long an INITIATED/REDIRECTED payment waits for the customer before it becomes EXPIRED. */
  customerTtlMs: number;
  /** POST the notification to notification_url once a payment is AUTHORIZED. */
  sendNotifications: boolean;
  /** JSON notifications (the optional format) instead of the default form body. */
  jsonNotifications: boolean;
  /** The merchant's daily payout limit, in cents of the currency. */
  dailyPayoutLimitCents: number;
  /** The customer's yearly payout limit, in cents. */
  yearlyCustomerPayoutLimitCents: number;
  /** The smallest payout, in cents. */
  payoutMinimumCents: number;
  /**
   * A paysafecard error number (0: off): the next payout or refund request (validation or capture) answers it,
   * as that movement's table spells it (documented-errors.ts), and does nothing.
   */
  refuseNextMovement: number;
  /**
   * How long a validated payout (VALIDATION_SUCCESSFUL) can still be captured. The document gives no figure;
   * after it the sandbox has forgotten the validation and answers its capture 404 payout_not_found (3100).
   */
  payoutValidationTtlMs: number;
}

const MAX_DELAY_MS = 60_000;

export const defaultKnobs = (): Knobs => ({
  latencyMs: 0,
  fail500: 0,
  loseResponses: 0,
  loseCreateResponses: 0,
  authorizationTtlMs: 10 * 60 * 1000,
  customerTtlMs: 60 * 60 * 1000,
  sendNotifications: true,
  jsonNotifications: false,
  dailyPayoutLimitCents: 100_000_000,
  yearlyCustomerPayoutLimitCents: 1_000_000,
  payoutMinimumCents: 1,
  refuseNextMovement: 0,
  payoutValidationTtlMs: 24 * 60 * 60 * 1000,
});

/** Applies a partial update; refuses unknown names and values of the wrong kind. */
export function updateKnobs(knobs: Knobs, patch: Record<string, unknown>): Knobs {
  for (const [name, value] of Object.entries(patch)) {
    if (!(name in knobs)) throw new RangeError(`unknown knob ${name}`);
    const current = knobs[name as keyof Knobs];
    if (typeof current === 'boolean') {
      if (typeof value !== 'boolean') throw new RangeError(`${name} must be a boolean`);
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`${name} must be a non-negative number`);
    }
    const bounded = typeof value === 'number' && name === 'latencyMs' ? Math.min(value, MAX_DELAY_MS) : value;
    (knobs as unknown as Record<string, unknown>)[name] = typeof bounded === 'number' ? Math.floor(bounded) : bounded;
  }
  return knobs;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, MAX_DELAY_MS)));
