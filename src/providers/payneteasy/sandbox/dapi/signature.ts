import { createHmac } from 'node:crypto';

/**
 * Payneteasy's side of the DAPI signatures, written apart from the adapter (a sandbox shares no code with it):
 * the merchant's initiate signature that "Perform …" must carry, and the check signature the merchant's
 * "Check …" and card-mapping answers must carry. HMAC-SHA1, key = control key without dashes, hex-decoded.
 */
export type Flow = 'verification' | 'sale' | 'transfer';

function hmac(controlKey: string, text: string): string {
  const key = Buffer.from(controlKey.split('-').join(''), 'hex');
  return createHmac('sha1', key).update(Buffer.from(text, 'utf8')).digest('hex').toUpperCase();
}

export interface SessionFacts {
  accessToken: string;
  serialNumber: string;
  endpointId: string;
  nonce: string;
  invoiceId: string;
  currency: string;
  amountCentis?: number;
}

/** What "Perform …" checks before anything else ("pne -> pne: check signature"). */
export function expectedInitiateSignature(flow: Flow, controlKey: string, s: SessionFacts): string {
  const amount = flow === 'verification' ? '' : String(s.amountCentis ?? '');
  return hmac(controlKey, `${s.accessToken}${s.serialNumber}${s.endpointId}${s.nonce}${s.invoiceId}${amount}${s.currency}`);
}

export interface CheckAnswerFacts {
  serialNumber: string;
  nonce: string;
  endpointId: string;
  invoiceId: string;
  sourceServerCardId?: string;
  destinationServerCardId?: string;
}

/** The checkSignature a "Check …" answer must carry. */
export function expectedCheckSignature(flow: Flow, controlKey: string, c: CheckAnswerFacts): string {
  const src = c.sourceServerCardId ?? '';
  const dst = c.destinationServerCardId ?? '';
  if (flow === 'verification') return hmac(controlKey, `${c.serialNumber}${c.nonce}${c.endpointId}${c.invoiceId}`);
  if (flow === 'sale') return hmac(controlKey, `${c.serialNumber}${c.nonce}${c.endpointId}${c.invoiceId}${src}`);
  return hmac(controlKey, `${c.serialNumber}${c.nonce}${dst}${c.endpointId}${c.invoiceId}${src}`);
}

/** The checkSignature a card-mapping notification answer must carry. */
export function expectedMappingSignature(controlKey: string, m: { nonce: string; endpointId: string; invoiceId: string }): string {
  return hmac(controlKey, `${m.nonce}${m.endpointId}${m.invoiceId}`);
}
