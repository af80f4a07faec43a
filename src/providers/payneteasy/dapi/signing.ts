import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * DAPI signatures (docs/payneteasy.md "DAPI signatures"): HMAC-SHA1 over the plain concatenation of the fields
 * (no separators), keyed with the merchant control key with its dashes removed and hex-decoded, written as
 * 40 uppercase hex characters (Payneteasy's reference merchant proxy emits uppercase).
 */
export function dapiKey(controlKey: string): Buffer {
  const hex = controlKey.replace(/-/g, '');
  if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new Error('the Payneteasy control key is not hex (dashes allowed)');
  }
  return Buffer.from(hex, 'hex');
}

export function hmacSha1Upper(key: Buffer, parts: readonly string[]): string {
  return createHmac('sha1', key).update(parts.join(''), 'utf8').digest('hex').toUpperCase();
}

/** Constant-time comparison of a received signature with ours; case matters (we issued uppercase). */
export function signatureEquals(received: string | undefined, expected: string): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface InitiateFields {
  accessToken: string;
  serialNumber: string;
  endpointId: string;
  nonce: string;
  invoiceId: string;
  currency: string;
  /** Sale and transfer only: the integer amount in centis, in decimal ("1050"). */
  amountCentis?: bigint;
}

/**
 * Initiate sale / transfer: accessToken + serialNumber + endpointId + nonce + invoiceId + amountCentis + currency.
 * Initiate verification: the same without the amount.
 */
export function initiateSignature(key: Buffer, f: InitiateFields): string {
  const amount = f.amountCentis === undefined ? [] : [f.amountCentis.toString()];
  return hmacSha1Upper(key, [f.accessToken, f.serialNumber, f.endpointId, f.nonce, f.invoiceId, ...amount, f.currency]);
}

export interface CheckFields {
  serialNumber: string;
  nonce: string;
  endpointId: string;
  invoiceId: string;
  /** Sale and transfer: sourceOfFunds.reference.serverCardId, when the app paid by a card reference. */
  sourceServerCardId?: string;
  /** Transfer: destinationOfFunds.reference.serverCardId, when the app named the receiver by reference. */
  destinationServerCardId?: string;
}

/** Check verification: serialNumber + nonce + endpointId + invoiceId. */
export const checkVerificationSignature = (key: Buffer, f: CheckFields) => hmacSha1Upper(key, [f.serialNumber, f.nonce, f.endpointId, f.invoiceId]);

/** Check sale: serialNumber + nonce + endpointId + invoiceId + [source serverCardId]. */
export const checkSaleSignature = (key: Buffer, f: CheckFields) =>
  hmacSha1Upper(key, [f.serialNumber, f.nonce, f.endpointId, f.invoiceId, f.sourceServerCardId ?? '']);

/** Check transfer: serialNumber + nonce + [destination serverCardId] + endpointId + invoiceId + [source serverCardId]. */
export const checkTransferSignature = (key: Buffer, f: CheckFields) =>
  hmacSha1Upper(key, [f.serialNumber, f.nonce, f.destinationServerCardId ?? '', f.endpointId, f.invoiceId, f.sourceServerCardId ?? '']);

/** Card-mapping notification answer (verification, sale, transfer alike): nonce + endpointId + invoiceId. */
export const mappingNotificationSignature = (key: Buffer, f: { nonce: string; endpointId: string; invoiceId: string }) =>
  hmacSha1Upper(key, [f.nonce, f.endpointId, f.invoiceId]);
