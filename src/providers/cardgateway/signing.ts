import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The platform's checksums: MD5 over fields joined with "|", lowercase hex. Field orders per operation are
 * from docs/cardgateway.md "Checksums" (Paymentz): the secure key sits second for payments and backoffice
 * calls, last for payouts and callbacks. Amounts are the exact two-decimal strings that are sent.
 */
export function checksum(fields: readonly string[]): string {
  return createHash('md5').update(fields.join('|'), 'utf8').digest('hex');
}

export interface Keys {
  memberId: string;
  secureKey: string;
}

/** DB / PA (sync or async payment) with card data. */
export const paymentChecksum = (k: Keys, merchantTransactionId: string, amount: string) =>
  checksum([k.memberId, k.secureKey, merchantTransactionId, amount]);

/** DB / PA with a saved card (/paywithtoken/{registrationId}): the registration's id where a payment has ours. */
export const payWithTokenChecksum = (k: Keys, registrationId: string, amount: string) => checksum([k.memberId, k.secureKey, registrationId, amount]);

/** CP / RF: against the platform's paymentId. */
export const captureRefundChecksum = (k: Keys, paymentId: string, amount: string) => checksum([k.memberId, k.secureKey, paymentId, amount]);

/** RV / IN: the id that is sent (paymentId, or merchantTransactionId when idType=MID). Also deleting a registration (DL). */
export const idChecksum = (k: Keys, id: string) => checksum([k.memberId, k.secureKey, id]);

/** A stand-alone registration: the card number it saves (docs/cardgateway.md "Checksums", low confidence). */
export const registrationChecksum = (k: Keys, cardNumber: string) => checksum([k.memberId, k.secureKey, cardNumber]);

/** PO: the secure key comes last. */
export const payoutChecksum = (k: Keys, merchantTransactionId: string, amount: string) =>
  checksum([k.memberId, merchantTransactionId, amount, k.secureKey]);

/**
 * Notification: paymentId | merchantTransactionId | amount | SHORT transactionStatus | secureKey, with the
 * amount string exactly as received (docs example `77251|011E1D8A5C034|156.00|N|<secret>`).
 */
export const callbackChecksum = (secureKey: string, f: { paymentId: string; merchantTransactionId: string; amount: string; transactionStatus: string }) =>
  checksum([f.paymentId, f.merchantTransactionId, f.amount, f.transactionStatus, secureKey]);

/** The documented form is lowercase hex; any other spelling of the digest is a mismatch, as at the platform. */
export function checksumEquals(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
