import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The sandbox's own check of an API 3.0 signature, written apart from the adapter's signing.ts so a mistake in
 * one is not copied into the other (test/vectors/paynearme.json checks both against openssl).
 */
export function verificationString(params: Record<string, string>): string {
  const keys = Object.keys(params).filter((k) => k !== 'signature');
  keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  let text = '';
  for (const key of keys) text += `${key}${params[key]}`;
  return text;
}

export function expectedSignature(params: Record<string, string>, secret: string): string {
  return createHmac('sha256', secret).update(verificationString(params)).digest('hex');
}

export function verifySignature(params: Record<string, string>, secret: string): boolean {
  const got = Buffer.from(String(params.signature ?? ''), 'utf8');
  const want = Buffer.from(expectedSignature(params, secret), 'utf8');
  return got.length === want.length && timingSafeEqual(got, want);
}

/**
 * "Signature is not correct -- string used for signature verification (redacted): …": the document shows the
 * string PayNearMe verified, with sensitive values hidden. Values of *_pii parameters are redacted here.
 */
export function redactedVerificationString(params: Record<string, string>): string {
  const shown: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) shown[key] = key.endsWith('_pii') ? '[redacted]' : value;
  return verificationString(shown);
}
