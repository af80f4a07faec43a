import { DeclineReasonCode } from '../provider';

/**
 * The platform's result codes → the provider-neutral vocabulary. 11xxx are "11000 + the acquirer's ISO 8583
 * response code" (a Paymentz white-label's published list: 11005, 11033, 11043; the rest of the family by the
 * same rule, ISO 8583 meanings); 10001 is the documented generic decline, 20007 a decline with a description
 * that the platform uses for failed 3-D Secure; 100xx the platform's refusals of an operation (10005 capture
 * failed, 10006 refund failed, 10007 cancel failed, 10026 record not found).
 */
const ISO_8583: Readonly<Record<string, DeclineReasonCode>> = {
  '01': DeclineReasonCode.DO_NOT_HONOR,
  '05': DeclineReasonCode.DO_NOT_HONOR,
  '14': DeclineReasonCode.INVALID_CARD,
  '15': DeclineReasonCode.INVALID_CARD,
  '33': DeclineReasonCode.EXPIRED_CARD,
  '54': DeclineReasonCode.EXPIRED_CARD,
  '41': DeclineReasonCode.LOST_OR_STOLEN_CARD,
  '43': DeclineReasonCode.LOST_OR_STOLEN_CARD,
  '51': DeclineReasonCode.INSUFFICIENT_FUNDS,
  '55': DeclineReasonCode.INVALID_CARD,
  '59': DeclineReasonCode.FRAUD_SUSPECTED,
  '61': DeclineReasonCode.LIMIT_EXCEEDED,
  '65': DeclineReasonCode.LIMIT_EXCEEDED,
};

export function declineReasonCode(resultCode: string): DeclineReasonCode {
  const iso = /^110(\d\d)$/.exec(resultCode);
  if (iso) return ISO_8583[iso[1]!] ?? DeclineReasonCode.UNKNOWN;
  if (resultCode === '10001') return DeclineReasonCode.DO_NOT_HONOR;
  if (resultCode === '20007') return DeclineReasonCode.AUTHENTICATION_FAILED;
  if (/^100\d\d$/.test(resultCode)) return DeclineReasonCode.INVALID_REQUEST;
  return DeclineReasonCode.UNKNOWN;
}
