import type { UserErrorCodeValue } from '../../kernel/user-error-code';
import { DeclineReasonCode, type RefusalField } from '../provider';

/**
 * paysafecard's refusals of refunds and payouts (docs/paysafecard.md "Refusals"): the provider's number, the code
 * the gateway reports it under (userError code and Refund/Payout.failureCode), the neutral reason, and what the
 * refusal concerns (the userError's field). The table's codes are UserErrorCodes (docs/codes.md). A number not in
 * the table is kept as PAYSAFECARD_<number> with reason UNKNOWN, about the request as a whole, never guessed; the
 * caller then sees PROVIDER_REFUSED with providerCode PAYSAFECARD_<number>.
 */
export interface RefusalCode {
  code: string;
  reasonCode: DeclineReasonCode;
  field: RefusalField;
}

const r = (code: UserErrorCodeValue, reasonCode: DeclineReasonCode, field: RefusalField): RefusalCode => ({ code, reasonCode, field });
const { LIMIT_EXCEEDED, CUSTOMER_DATA_MISMATCH, INVALID_REQUEST, INVALID_CARD, DO_NOT_HONOR } = DeclineReasonCode;

export const REFUSALS: Readonly<Record<number, RefusalCode>> = {
  2017: r('INVALID_STATE', INVALID_REQUEST, 'payment'),
  3100: r('NOT_AVAILABLE', INVALID_REQUEST, 'payment'),
  3103: r('DUPLICATE_REQUEST', INVALID_REQUEST, 'request'),
  3106: r('INVALID_AMOUNT', INVALID_REQUEST, 'amount'),
  3150: r('MISSING_PARAMETER', INVALID_REQUEST, 'request'),
  3151: r('CURRENCY_MISMATCH', INVALID_REQUEST, 'currency'),
  3161: r('MERCHANT_NOT_ALLOWED', INVALID_REQUEST, 'merchant'),
  3162: r('CUSTOMER_NOT_FOUND', INVALID_CARD, 'customer'),
  3163: r('INVALID_PARAMETER', INVALID_REQUEST, 'request'),
  3164: r('DUPLICATE_REQUEST', INVALID_REQUEST, 'request'),
  3165: r('INVALID_AMOUNT', INVALID_REQUEST, 'amount'),
  3166: r('MERCHANT_LIMIT_EXCEEDED', LIMIT_EXCEEDED, 'amount'),
  3167: r('CUSTOMER_LIMIT_EXCEEDED', LIMIT_EXCEEDED, 'amount'),
  3168: r('CUSTOMER_KYC_INSUFFICIENT', CUSTOMER_DATA_MISMATCH, 'customer'),
  3169: r('DUPLICATE_REQUEST', INVALID_REQUEST, 'request'),
  3170: r('TOPUP_LIMIT_EXCEEDED', LIMIT_EXCEEDED, 'amount'),
  3171: r('AMOUNT_BELOW_MINIMUM', INVALID_REQUEST, 'amount'),
  3179: r('REFUND_EXCEEDS_ORIGINAL', INVALID_REQUEST, 'amount'),
  3180: r('INVALID_STATE', INVALID_REQUEST, 'payment'),
  3181: r('CUSTOMER_DETAILS_MISMATCH', CUSTOMER_DATA_MISMATCH, 'customer'),
  3182: r('MERCHANT_NOT_ALLOWED', INVALID_REQUEST, 'merchant'),
  3184: r('ORIGINAL_TRANSACTION_NOT_FOUND', INVALID_REQUEST, 'payment'),
  3185: r('CUSTOMER_CREDENTIALS_MISSING', INVALID_REQUEST, 'customer'),
  3193: r('CUSTOMER_INACTIVE', DO_NOT_HONOR, 'customer'),
  3194: r('CUSTOMER_LIMIT_EXCEEDED', LIMIT_EXCEEDED, 'amount'),
  3195: r('CUSTOMER_DETAILS_MISMATCH', CUSTOMER_DATA_MISMATCH, 'customer'),
  3197: r('MERCHANT_CUSTOMER_LIMIT_REACHED', LIMIT_EXCEEDED, 'customer'),
  3198: r('CUSTOMER_MERCHANT_LIMIT_REACHED', LIMIT_EXCEEDED, 'customer'),
  3199: r('PAYOUT_BLOCKED', DO_NOT_HONOR, 'customer'),
};

export function refusalOf(number: number | undefined): RefusalCode {
  return (number !== undefined && REFUSALS[number]) || { code: `PAYSAFECARD_${number ?? 'ERROR'}`, reasonCode: DeclineReasonCode.UNKNOWN, field: 'request' };
}
