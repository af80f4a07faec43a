import { DeclineReasonCode } from '../provider';

/**
 * paysafecard's refusals of refunds and payouts (docs/paysafecard.md "Errors"): the provider's number, the code
 * the gateway reports it under (userError code and Refund/Payout.declineCode), and the neutral reason. A number
 * not in the table is kept as PAYSAFECARD_<number> with reason UNKNOWN, never guessed.
 */
export interface RefusalCode {
  code: string;
  reasonCode: DeclineReasonCode;
}

const r = (code: string, reasonCode: DeclineReasonCode): RefusalCode => ({ code, reasonCode });
const { LIMIT_EXCEEDED, CUSTOMER_DATA_MISMATCH, INVALID_REQUEST, INVALID_CARD, DO_NOT_HONOR } = DeclineReasonCode;

export const REFUSALS: Readonly<Record<number, RefusalCode>> = {
  2017: r('INVALID_STATE', INVALID_REQUEST),
  3100: r('NOT_FOUND', INVALID_REQUEST),
  3103: r('DUPLICATE_REQUEST', INVALID_REQUEST),
  3106: r('INVALID_AMOUNT', INVALID_REQUEST),
  3150: r('MISSING_PARAMETER', INVALID_REQUEST),
  3151: r('CURRENCY_MISMATCH', INVALID_REQUEST),
  3161: r('MERCHANT_NOT_ALLOWED', INVALID_REQUEST),
  3162: r('CUSTOMER_NOT_FOUND', INVALID_CARD),
  3163: r('INVALID_PARAMETER', INVALID_REQUEST),
  3164: r('DUPLICATE_REQUEST', INVALID_REQUEST),
  3165: r('INVALID_AMOUNT', INVALID_REQUEST),
  3166: r('MERCHANT_LIMIT_EXCEEDED', LIMIT_EXCEEDED),
  3167: r('CUSTOMER_LIMIT_EXCEEDED', LIMIT_EXCEEDED),
  3168: r('CUSTOMER_KYC_INSUFFICIENT', CUSTOMER_DATA_MISMATCH),
  3169: r('DUPLICATE_REQUEST', INVALID_REQUEST),
  3170: r('TOPUP_LIMIT_EXCEEDED', LIMIT_EXCEEDED),
  3171: r('AMOUNT_BELOW_MINIMUM', INVALID_REQUEST),
  3179: r('REFUND_EXCEEDS_ORIGINAL', INVALID_REQUEST),
  3180: r('INVALID_STATE', INVALID_REQUEST),
  3181: r('CUSTOMER_DETAILS_MISMATCH', CUSTOMER_DATA_MISMATCH),
  3182: r('MERCHANT_NOT_ALLOWED', INVALID_REQUEST),
  3184: r('ORIGINAL_TRANSACTION_NOT_FOUND', INVALID_REQUEST),
  3185: r('CUSTOMER_CREDENTIALS_MISSING', INVALID_REQUEST),
  3193: r('CUSTOMER_INACTIVE', DO_NOT_HONOR),
  3194: r('CUSTOMER_LIMIT_EXCEEDED', LIMIT_EXCEEDED),
  3195: r('CUSTOMER_DETAILS_MISMATCH', CUSTOMER_DATA_MISMATCH),
  3197: r('MERCHANT_LIMIT_EXCEEDED', LIMIT_EXCEEDED),
  3198: r('MERCHANT_LIMIT_EXCEEDED', LIMIT_EXCEEDED),
  3199: r('PAYOUT_BLOCKED', DO_NOT_HONOR),
};

export function refusalOf(number: number | undefined): RefusalCode {
  return (number !== undefined && REFUSALS[number]) || { code: `PAYSAFECARD_${number ?? 'ERROR'}`, reasonCode: DeclineReasonCode.UNKNOWN };
}
