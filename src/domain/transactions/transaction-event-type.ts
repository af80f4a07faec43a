/**
 * Every kind of entry the engine writes into a transaction's history: the GraphQL enum TransactionEventType. The
 * column stays text (old rows, webhooks and the events feed read it as is); recordEvent and moveTo take only these,
 * so a new kind does not compile until it is listed here and documented in docs/codes.md.
 */
export enum TransactionEventType {
  CREATED = 'created',
  STATUS_CHANGED = 'status_changed',
  FOUND_AT_PROVIDER = 'found_at_provider',
  LATE_SUCCESS = 'late_success',
  CUSTOMER_DATA_MISMATCH = 'customer_data_mismatch',
  AMOUNT_MISMATCH = 'amount_mismatch',
  FEE_SELECTED = 'fee_selected',
  FEE_MISMATCH = 'fee_mismatch',
  CAPTURE_REQUESTED = 'capture_requested',
  CAPTURED = 'captured',
  CAPTURE_FAILED = 'capture_failed',
  CAPTURE_OUTCOME_UNKNOWN = 'capture_outcome_unknown',
  CANCEL_REQUESTED = 'cancel_requested',
  CANCELLED = 'cancelled',
  CANCEL_FAILED = 'cancel_failed',
  CANCEL_OUTCOME_UNKNOWN = 'cancel_outcome_unknown',
  REFUND_REQUESTED = 'refund_requested',
  REFUND_VALIDATED = 'refund_validated',
  REFUNDED = 'refunded',
  REFUND_DECLINED = 'refund_declined',
  REFUND_FAILED = 'refund_failed',
  REFUND_OUTCOME_UNKNOWN = 'refund_outcome_unknown',
  REVERSED_BY_PROVIDER = 'reversed_by_provider',
}

/** The stored spelling ('late_success'), which is what recordEvent writes and old rows hold. */
export type TransactionEventTypeValue = `${TransactionEventType}`;
