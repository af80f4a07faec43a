/** How patient recovery is: when "not found" becomes final, when a customer step expires, when a row is parked. */
export interface RecoveryPolicy {
  /** Replaces each provider's declared notFoundFinalAfterMs (tests, incidents). */
  notFoundFinalAfterMs?: number;
  customerActionExpiryMs: number;
  maxAttempts: number;
  /**
   * Later looks at a movement the gateway ended by inference (engine/late-success.ts): the provider is asked
   * again every lateCheckEveryMs, for lateCheckForMs after the row ended, then never again by the reconciler.
   */
  lateCheckEveryMs: number;
  lateCheckForMs: number;
}

export const RECOVERY_DEFAULTS: RecoveryPolicy = { customerActionExpiryMs: 30 * 60 * 1000, maxAttempts: 40, lateCheckEveryMs: 60 * 60 * 1000, lateCheckForMs: 24 * 60 * 60 * 1000 };

/**
 * Used for a provider that declares no window. Hours, not seconds: a provider that was slow or down may still
 * process a request it took in, and a payment failed too early is a card charged without an order.
 */
export const DEFAULT_NOT_FOUND_FINAL_AFTER_MS = 6 * 60 * 60 * 1000;

interface PaymentsConfig {
  payments: { notFoundFinalAfterMs?: number; customerActionExpiryMs: number; reconcileMaxAttempts: number; lateSuccessCheckEveryMs?: number; lateSuccessCheckForMs?: number };
}

export function recoveryPolicyOf(config: PaymentsConfig): RecoveryPolicy {
  const p = config.payments;
  return {
    notFoundFinalAfterMs: p.notFoundFinalAfterMs,
    customerActionExpiryMs: p.customerActionExpiryMs,
    maxAttempts: p.reconcileMaxAttempts,
    lateCheckEveryMs: p.lateSuccessCheckEveryMs ?? RECOVERY_DEFAULTS.lateCheckEveryMs,
    lateCheckForMs: p.lateSuccessCheckForMs ?? RECOVERY_DEFAULTS.lateCheckForMs,
  };
}
