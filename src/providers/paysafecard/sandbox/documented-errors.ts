import type { PscError } from './errors';

const e = (http: number, code: string, number: number, message: string): PscError => ({ http, code, number, message });

/**
 * Every error number paysafecard documents for payouts and for refunds (docs/paysafecard.md "Refusals"), with
 * the code each table spells: the knob `refuseNextMovement` answers the next payout or refund request with one
 * of them, so a test can see every number reach the merchant. A number in neither table is answered as an
 * undocumented error, which the gateway must keep without guessing.
 */
const PAYOUT_TABLE: PscError[] = [
  e(400, 'missing_parameter', 3150, 'Missing parameter'),
  e(400, 'merchant_not_allowed_for_payout', 3161, 'Merchant is not allowed to perform payouts'),
  e(404, 'mypsc_account_not_found', 3162, 'my paysafecard account not found'),
  e(400, 'duplicate_payout_request', 3164, 'Duplicate payout request'),
  e(400, 'invalid_amount', 3165, 'Invalid amount'),
  e(400, 'merchant_limit_reached', 3166, 'Merchant limit reached'),
  e(400, 'customer_balance_exceeded', 3167, 'Customer balance exceeded'),
  e(400, 'kyc_invalid_for_payout_customer', 3168, 'KYC level of the customer does not allow payouts'),
  e(400, 'payout_id_collision', 3169, 'Payout id collision'),
  e(400, 'topup_limit_exceeded', 3170, 'Top-up limit exceeded'),
  e(400, 'payout_amount_below_minimum', 3171, 'Payout amount below minimum'),
  e(400, 'customer_inactive', 3193, 'Customer is inactive'),
  e(400, 'customer_yearly_payout_limit_reached', 3194, 'Customer yearly payout limit reached'),
  e(400, 'customer_details_mismatched', 3195, 'Customer details mismatched'),
  e(400, 'max_payout_merchant_clients_assigned', 3197, 'Maximum number of payout customers assigned to the merchant'),
  e(400, 'max_amount_of_payout_merchants_reached', 3198, 'The customer receives payouts from the maximum number of merchants'),
  e(400, 'payout_blocked', 3199, 'Payout blocked'),
];

const REFUND_TABLE: PscError[] = [
  e(404, 'PRODUCT_NOT_AVAILABLE', 3100, 'Product not available'),
  e(400, 'DUPLICATE_ORDER_REQUEST', 3103, 'Duplicate order request'),
  e(400, 'FACEVALUE_FORMAT_ERROR', 3106, 'Face value format error'),
  e(400, 'MISSING_PARAMETER', 3150, 'Missing parameter'),
  e(400, 'INVALID_CURRENCY', 3151, 'Invalid currency'),
  e(400, 'MERCHANT_NOT_ALLOWED_FOR_PAYOUT', 3161, 'Merchant not allowed for payout'),
  e(404, 'CUSTOMER_NOT_FOUND', 3162, 'Customer not found'),
  e(400, 'INVALID_PARAMETER', 3163, 'Invalid parameter'),
  e(400, 'duplicate_payout_request', 3164, 'Duplicate payout request'),
  e(400, 'INVALID_AMOUNT', 3165, 'Invalid amount'),
  e(400, 'CUSTOMER_LIMIT_EXCEEDED', 3167, 'Customer limit exceeded'),
  e(400, 'KYC_INVALID_FOR_PAYOUT_CUSTOMER', 3168, 'KYC invalid for payout customer'),
  e(400, 'payout_id_collision', 3169, 'Payout id collision'),
  e(400, 'topup_limit_exceeded', 3170, 'Top-up limit exceeded'),
  e(400, 'payout_amount_below_minimum', 3171, 'Payout amount below minimum'),
  e(400, 'MERCHANT_REFUND_EXCEEDS_ORIGINAL_TRANSACTION', 3179, 'Refund exceeds the original transaction'),
  e(400, 'MERCHANT_REFUND_ORIGINAL_TRANSACTION_INVALID_STATE', 3180, 'The original transaction is in an invalid state'),
  e(400, 'MERCHANT_REFUND_CLIENT_ID_NOT_MATCHING', 3181, 'Customer id does not match the original transaction'),
  e(400, 'NO_UNLOAD_MERCHANT_CONFIGURED', 3182, 'No unload merchant configured'),
  e(404, 'MERCHANT_REFUND_MISSING_TRANSACTION', 3184, 'Original transaction not found'),
  e(404, 'merchant_refund_customer_credentials_missing', 3185, 'Customer credentials missing'),
  e(400, 'customer_inactive', 3193, 'Customer is inactive'),
  e(400, 'customer_yearly_payout_limit_reached', 3194, 'Customer yearly payout limit reached'),
  e(400, 'customer_details_mismatch', 3195, 'Customer details mismatch'),
  e(400, 'max_amount_of_payout_merchants_reached', 3198, 'The customer receives payouts from the maximum number of merchants'),
  e(400, 'payout_blocked', 3199, 'Payout blocked'),
];

export type MovementTable = 'payout' | 'refund';

export function documentedError(table: MovementTable, number: number): PscError {
  const found = (table === 'payout' ? PAYOUT_TABLE : REFUND_TABLE).find((x) => x.number === number);
  return found ?? e(400, 'undocumented_error', number, 'An error the documentation does not list');
}
