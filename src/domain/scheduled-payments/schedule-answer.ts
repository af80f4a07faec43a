import type { ProviderError } from '../../providers/provider';

/** A userError that travels in the stored (replayable) answer of a schedule or cancel mutation. */
export interface StoredUserError {
  code: string;
  message: string;
  field: string[];
}

export interface ScheduleAnswer extends Record<string, unknown> {
  scheduledPaymentId: string;
  userError?: StoredUserError;
}

/** The provider's own text reaches the caller: it says what to fix (PayNearMe's documented error messages). */
export function providerRefusal(error: ProviderError, field: string[]): StoredUserError {
  if (error.kind === 'indeterminate') {
    return { code: 'PROVIDER_OUTCOME_UNKNOWN', message: 'the provider did not answer; the gateway does not know whether it took the request', field };
  }
  return { code: error.kind === 'retryable' ? 'PROVIDER_UNAVAILABLE' : error.code, message: error.message, field };
}
