import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * API 3.0 request signature (docs/provider-documents.md "PayNearMe"; PROTOCOL-NOTES "Signature (API 3.0)"):
 * every parameter sent except `signature`, keys in plain ascending byte order, each key followed by its value
 * with no separator and no encoding, HMAC-SHA256 under the API secret key, lowercase hex. Absent parameters are
 * neither sent nor signed.
 */
export function signingString(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((key) => key !== 'signature')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => key + params[key])
    .join('');
}

export function signature(params: Readonly<Record<string, string>>, secretKey: string): string {
  return createHmac('sha256', Buffer.from(secretKey, 'utf8')).update(signingString(params), 'utf8').digest('hex');
}

/** The parameters with `signature` added: what is sent as the JSON body. */
export function signed(params: Readonly<Record<string, string>>, secretKey: string): Record<string, string> {
  return { ...params, signature: signature(params, secretKey) };
}

export function signatureEquals(received: string, expected: string): boolean {
  const a = Buffer.from(received.toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
