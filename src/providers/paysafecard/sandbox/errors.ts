/**
 * paysafecard's error answers: HTTP status and `{code, message, number, param}` (docs/paysafecard.md "Errors").
 * Numbers and codes are the provider's; the texts are the document's where it gives one.
 */
export interface PscError {
  http: number;
  code: string;
  number: number;
  message: string;
}

const e = (http: number, code: string, number: number, message: string): PscError => ({ http, code, number, message });

export const ERRORS = {
  invalidApiKey: e(401, 'invalid_api_key', 10008, 'Authentication failed'),
  technical: e(500, 'general_technical_error', 10007, 'General technical error'),
  invalidParameter: e(400, 'invalid_request_parameter', 10028, 'Invalid request parameter'),
  paymentNotFound: e(404, 'payment_not_found', 2002, 'Payment id is unknown'),
  duplicateTransaction: e(400, 'duplicate_transaction_id', 2001, 'Transaction with this id already exists'),
  invalidState: e(400, 'payment_invalid_state', 2017, 'The payment is in an invalid state for this request'),
  currencyNotSupported: e(400, 'currency_not_supported', 2010, 'Currency is not supported'),
  amountNotPositive: e(400, 'invalid_amount', 2029, 'Amount must be greater than 0'),
  amountAboveMax: e(400, 'amount_above_maximum', 4003, 'The amount is above the maximum of 1000 EUR'),
  submerchantNotFound: e(400, 'submerchant_not_found', 3014, 'Submerchant not found'),
  // payouts
  missingParameter: e(400, 'missing_parameter', 3150, 'Missing parameter'),
  accountNotFound: e(404, 'mypsc_account_not_found', 3162, 'my paysafecard account not found'),
  duplicatePayout: e(400, 'duplicate_payout_request', 3164, 'Duplicate payout request'),
  invalidAmount: e(400, 'invalid_amount', 3165, 'Invalid amount'),
  merchantLimit: e(400, 'merchant_limit_reached', 3166, 'Merchant limit reached'),
  customerBalance: e(400, 'customer_balance_exceeded', 3167, 'Customer balance exceeded'),
  kycInvalid: e(400, 'kyc_invalid_for_payout_customer', 3168, 'KYC level of the customer does not allow payouts'),
  topupLimit: e(400, 'topup_limit_exceeded', 3170, 'Top-up limit exceeded'),
  belowMinimum: e(400, 'payout_amount_below_minimum', 3171, 'Payout amount below minimum'),
  customerInactive: e(400, 'customer_inactive', 3193, 'Customer is inactive'),
  yearlyLimit: e(400, 'customer_yearly_payout_limit_reached', 3194, 'Customer yearly payout limit reached'),
  detailsMismatched: e(400, 'customer_details_mismatched', 3195, 'Customer details mismatched'),
  payoutBlocked: e(400, 'payout_blocked', 3199, 'Payout blocked'),
  payoutNotFound: e(404, 'payout_not_found', 3100, 'Payout not found'),
  // refunds
  refundInvalidCurrency: e(400, 'INVALID_CURRENCY', 3151, 'Invalid currency'),
  refundCustomerNotFound: e(404, 'CUSTOMER_NOT_FOUND', 3162, 'Customer not found'),
  refundInvalidAmount: e(400, 'INVALID_AMOUNT', 3165, 'Invalid amount'),
  refundExceedsOriginal: e(400, 'MERCHANT_REFUND_EXCEEDS_ORIGINAL_TRANSACTION', 3179, 'Refund exceeds the original transaction'),
  refundInvalidState: e(400, 'MERCHANT_REFUND_ORIGINAL_TRANSACTION_INVALID_STATE', 3180, 'The original transaction is in an invalid state'),
  refundClientIdNotMatching: e(400, 'MERCHANT_REFUND_CLIENT_ID_NOT_MATCHING', 3181, 'Customer id does not match the original transaction'),
  refundMissingTransaction: e(404, 'MERCHANT_REFUND_MISSING_TRANSACTION', 3184, 'Original transaction not found'),
  refundCredentialsMissing: e(404, 'merchant_refund_customer_credentials_missing', 3185, 'Customer credentials missing'),
  refundDetailsMismatch: e(400, 'customer_details_mismatch', 3195, 'Customer details mismatch'),
} as const;

export interface ErrorReply {
  http: number;
  body: { code: string; message: string; number: number; param?: string };
}

export function errorReply(error: PscError, param?: string): ErrorReply {
  return { http: error.http, body: { code: error.code, message: error.message, number: error.number, ...(param ? { param } : {}) } };
}

export const isErrorReply = (value: unknown): value is ErrorReply => typeof value === 'object' && value !== null && 'http' in value && 'body' in value;
