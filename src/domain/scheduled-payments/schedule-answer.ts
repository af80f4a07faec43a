import { codeOfRefusal, type UserErrorCodeValue } from '../../kernel/user-error-code';
import { userErrorCodeOf, type ProviderError } from '../../providers/provider';

/** A userError that travels in the stored (replayable) answer of a schedule or cancel mutation. */
export interface StoredUserError {
  code: UserErrorCodeValue;
  message: string;
  field: string[];
  providerCode?: string;
}

export interface ScheduleAnswer extends Record<string, unknown> {
  scheduledPaymentId: string;
  userError?: StoredUserError;
}

/** The provider's own text reaches the caller: it says what to fix (PayNearMe's documented error messages). */
export function providerRefusal(error: ProviderError, field: string[]): StoredUserError {
  if (error.kind === 'indeterminate') {
    return { code: 'PROVIDER_OUTCOME_UNKNOWN', providerCode: error.code, message: 'the provider did not answer; the gateway does not know whether it took the request', field };
  }
  return { ...userErrorCodeOf(error), message: error.message, field };
}

/**
 * A stored answer read back for a replay. Answers stored before codes were typed may hold a provider's code as
 * the code (e.g. PAYNEARME_REFUSED): it is answered as PROVIDER_REFUSED with that providerCode, never as a value
 * the UserErrorCode enum cannot serialise.
 */
export function storedUserError(stored: StoredUserError): StoredUserError {
  const { code, providerCode } = codeOfRefusal(stored.code);
  return { ...stored, code, providerCode: stored.providerCode ?? providerCode };
}
