/**
 * Why a provider refused money, in one vocabulary for every provider. The provider's own code and text stay
 * beside it (Transaction.declineCode / declineReason) for support; this one is what a merchant's code can
 * branch on ("ask for another card" vs "retry later") without knowing which provider answered.
 *
 * Each adapter maps its codes in its own mapping table; a code it does not know is UNKNOWN, never a guess.
 */
export enum DeclineReasonCode {
  /** The issuer refused without saying why (ISO 8583 "05"). */
  DO_NOT_HONOR = 'DO_NOT_HONOR',
  INSUFFICIENT_FUNDS = 'INSUFFICIENT_FUNDS',
  EXPIRED_CARD = 'EXPIRED_CARD',
  /** Wrong number, CVV or expiry; the card or account does not exist. */
  INVALID_CARD = 'INVALID_CARD',
  LOST_OR_STOLEN_CARD = 'LOST_OR_STOLEN_CARD',
  /** The provider's or the issuer's fraud screening refused it (Payneteasy "filtered"). */
  FRAUD_SUSPECTED = 'FRAUD_SUSPECTED',
  /** 3-D Secure or another customer authentication failed or was abandoned. */
  AUTHENTICATION_FAILED = 'AUTHENTICATION_FAILED',
  /** A card, customer or merchant limit (paysafecard payout and top-up limits, issuer withdrawal limits). */
  LIMIT_EXCEEDED = 'LIMIT_EXCEEDED',
  /** The customer's data did not match the provider's (paysafecard customer data exchange). */
  CUSTOMER_DATA_MISMATCH = 'CUSTOMER_DATA_MISMATCH',
  /** The provider refused the request itself (validation, configuration, state): not the customer's doing. */
  INVALID_REQUEST = 'INVALID_REQUEST',
  /** The provider failed or never received the operation. */
  PROCESSING_ERROR = 'PROCESSING_ERROR',
  UNKNOWN = 'UNKNOWN',
}
