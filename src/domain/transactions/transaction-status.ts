export enum TransactionStatus {
  PENDING = 'PENDING',
  REQUIRES_ACTION = 'REQUIRES_ACTION',
  AWAITING_FEE_SELECTION = 'AWAITING_FEE_SELECTION',
  PROCESSING = 'PROCESSING',
  /** The provider timed out or answered 5xx: money may or may not have moved; the reconciler asks. */
  OUTCOME_UNKNOWN = 'OUTCOME_UNKNOWN',
  AUTHORIZED = 'AUTHORIZED',
  SUCCEEDED = 'SUCCEEDED',
  DECLINED = 'DECLINED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED',
}

export enum TransactionKind {
  /** Authorize and capture in one step. */
  SALE = 'SALE',
  /** Authorize now, capture later. */
  AUTHORIZATION = 'AUTHORIZATION',
  /** Card verification (zero amount or random sum). */
  VERIFICATION = 'VERIFICATION',
  /** Card-to-card money transfer. */
  TRANSFER = 'TRANSFER',
}
