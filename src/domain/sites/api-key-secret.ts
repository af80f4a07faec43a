import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keys look like `pgk_<prefix>_<secret>`: the prefix (12 hex chars) finds the row, the secret (43 base64url
 * chars = 256 bits) is checked against its SHA-256. A slow hash adds nothing for 256 random bits.
 */
const KEY_FORMAT = /^pgk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewKey {
  plaintext: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(): NewKey {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { plaintext: `pgk_${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseApiKey(plaintext: string): { prefix: string; secret: string } | undefined {
  const match = KEY_FORMAT.exec(plaintext);
  return match ? { prefix: match[1], secret: match[2] } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, secretHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(secretHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
