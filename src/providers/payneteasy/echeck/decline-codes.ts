import { DeclineReasonCode } from '../../provider';

/**
 * eCheck refusals → the provider-neutral vocabulary. The document lists no codes for sale-echeck; what an ACH
 * processor reports are NACHA return reason codes (R01 insufficient funds, R02 account closed, R03 no account,
 * R04 invalid account number, R08 payment stopped, R10/R29 not authorized, R16 account frozen, R20 non-transaction
 * account). A code this table does not know is UNKNOWN, never a guess.
 */
const ACH: Readonly<Record<string, DeclineReasonCode>> = {
  R01: DeclineReasonCode.INSUFFICIENT_FUNDS,
  R09: DeclineReasonCode.INSUFFICIENT_FUNDS,
  R02: DeclineReasonCode.INVALID_CARD,
  R03: DeclineReasonCode.INVALID_CARD,
  R04: DeclineReasonCode.INVALID_CARD,
  R20: DeclineReasonCode.INVALID_CARD,
  R08: DeclineReasonCode.DO_NOT_HONOR,
  R16: DeclineReasonCode.DO_NOT_HONOR,
  R10: DeclineReasonCode.FRAUD_SUSPECTED,
  R29: DeclineReasonCode.FRAUD_SUSPECTED,
};

export function echeckDeclineReason(status: 'declined' | 'filtered' | 'error', code: string | undefined): DeclineReasonCode {
  if (status === 'filtered') return DeclineReasonCode.FRAUD_SUSPECTED;
  if (status === 'error') return DeclineReasonCode.PROCESSING_ERROR;
  return (code && ACH[code.toUpperCase()]) || DeclineReasonCode.UNKNOWN;
}
