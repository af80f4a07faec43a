import type { EventDetails } from '../../src/domain/transactions/transaction-transitions';
import { storedUserError } from '../../src/domain/scheduled-payments/schedule-answer';
import type { UserError } from '../../src/graphql/common/user-error.type';
import { DomainError } from '../../src/kernel/errors';
import { codeOfRefusal, isUserErrorCode } from '../../src/kernel/user-error-code';
import { ProviderError, userErrorCodeOf } from '../../src/providers/provider-errors';

describe('UserErrorCode at the edges where a code comes from outside the type system', () => {
  it('keeps a code the gateway names, and turns any other into PROVIDER_REFUSED with the raw code beside it', () => {
    expect(isUserErrorCode('NOT_FOUND')).toBe(true);
    expect(isUserErrorCode('PAYNEARME_REFUSED')).toBe(false);
    expect(codeOfRefusal('CUSTOMER_DETAILS_MISMATCH')).toEqual({ code: 'CUSTOMER_DETAILS_MISMATCH' });
    expect(codeOfRefusal('PAYSAFECARD_3777')).toEqual({ code: 'PROVIDER_REFUSED', providerCode: 'PAYSAFECARD_3777' });
    expect(codeOfRefusal(undefined)).toEqual({ code: 'PROVIDER_REFUSED' });
  });

  it('answers a failed provider call by how far it got, with the technical code as providerCode', () => {
    expect(userErrorCodeOf(new ProviderError('final', '10026', 'unknown token'))).toEqual({ code: 'PROVIDER_REFUSED', providerCode: '10026' });
    expect(userErrorCodeOf(new ProviderError('final', 'UNSUPPORTED_CURRENCY', 'USD only'))).toEqual({ code: 'UNSUPPORTED_CURRENCY' });
    expect(userErrorCodeOf(new ProviderError('retryable', 'UNREACHABLE', 'down'))).toEqual({ code: 'PROVIDER_UNAVAILABLE', providerCode: 'UNREACHABLE' });
    expect(userErrorCodeOf(new ProviderError('indeterminate', 'TIMEOUT', 'slow'))).toEqual({ code: 'PROVIDER_OUTCOME_UNKNOWN', providerCode: 'TIMEOUT' });
    expect(userErrorCodeOf(new ProviderError('indeterminate', 'TIMEOUT', 'slow'), 'PROVIDER_UNAVAILABLE')).toEqual({ code: 'PROVIDER_UNAVAILABLE', providerCode: 'TIMEOUT' });
  });

  it('replays an answer stored before codes were typed, whose code is a provider’s, as PROVIDER_REFUSED', () => {
    const old = { code: 'PAYNEARME_REFUSED', message: 'Scheduled payments must be canceled prior to the payment_date', field: ['input'] };
    expect(storedUserError(old as never)).toEqual({ ...old, code: 'PROVIDER_REFUSED', providerCode: 'PAYNEARME_REFUSED' });
    const typed = { code: 'PAYMENT_DATE_PASSED' as const, message: 'due', field: ['input'] };
    expect(storedUserError(typed)).toEqual({ ...typed, providerCode: undefined });
  });

  it('does not compile a code or an event type outside the enums (the @ts-expect-error lines fail npm run typecheck otherwise)', () => {
    // @ts-expect-error 'NOT_A_CODE' is not a UserErrorCode
    const made = new DomainError('NOT_A_CODE', 'never');
    // @ts-expect-error a provider's code cannot be a userError's code; it goes in providerCode
    const userError: UserError = { code: 'PAYNEARME_REFUSED', message: 'refused' };
    // @ts-expect-error an event type the engine does not write
    const event: EventDetails = { type: 'REFUNDED' };
    expect([made.code, userError.code, event.type]).toEqual(['NOT_A_CODE', 'PAYNEARME_REFUSED', 'REFUNDED']);
  });
});
