import { codeOfRefusal, type UserErrorCodeValue } from '../kernel/user-error-code';

/** How far a failed call got: nothing happened (`retryable`), maybe something did (`indeterminate`), or refused for good (`final`). */
export type ProviderErrorKind = 'retryable' | 'indeterminate' | 'final';

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    /** Stable code, e.g. TIMEOUT, HTTP_503, INVALID_CREDENTIALS, or the provider's result code. */
    readonly code: string,
    /** Client-safe: never card data, never credentials. */
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** Thrown by the callbacks facet's `parse` when a callback's signature, checksum or timestamp does not verify. */
export class CallbackVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallbackVerificationError';
  }
}


/**
 * A failed call as a userError's code: `final` keeps the adapter's own code when it is one of ours (e.g.
 * UNSUPPORTED_CURRENCY), else PROVIDER_REFUSED; `retryable` is PROVIDER_UNAVAILABLE; `indeterminate` is `ifUnknown`
 * (a read is merely unavailable, a write's outcome is unknown). The provider's code, or the failure's (TIMEOUT,
 * HTTP_503), stays in providerCode whenever it is not the code itself.
 */
export function userErrorCodeOf(
  error: ProviderError,
  ifUnknown: 'PROVIDER_OUTCOME_UNKNOWN' | 'PROVIDER_UNAVAILABLE' = 'PROVIDER_OUTCOME_UNKNOWN',
): { code: UserErrorCodeValue; providerCode?: string } {
  if (error.kind === 'retryable') return { code: 'PROVIDER_UNAVAILABLE', providerCode: error.code };
  if (error.kind === 'indeterminate') return { code: ifUnknown, providerCode: error.code };
  return codeOfRefusal(error.code);
}
