import { DeclineReasonCode } from '../decline-codes';

/**
 * Issuer response codes PayNearMe passes on a rejected card payment (ISO 8583 values; the sandbox's test cards
 * use these). A code not listed is UNKNOWN, never a guess.
 */
const TABLE: Record<string, DeclineReasonCode> = {
  '05': DeclineReasonCode.DO_NOT_HONOR,
  '14': DeclineReasonCode.INVALID_CARD,
  '41': DeclineReasonCode.LOST_OR_STOLEN_CARD,
  '43': DeclineReasonCode.LOST_OR_STOLEN_CARD,
  '51': DeclineReasonCode.INSUFFICIENT_FUNDS,
  '54': DeclineReasonCode.EXPIRED_CARD,
  '59': DeclineReasonCode.FRAUD_SUSPECTED,
  '61': DeclineReasonCode.LIMIT_EXCEEDED,
  N7: DeclineReasonCode.INVALID_CARD,
};

export function declineReasonCode(code: string | undefined): DeclineReasonCode {
  return (code && TABLE[code]) || DeclineReasonCode.UNKNOWN;
}
