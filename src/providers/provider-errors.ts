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

