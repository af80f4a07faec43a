import { randomBytes } from 'node:crypto';
import { hashSecret } from '../sites/api-key-secret';

/**
 * Client tokens look like `pgct_<prefix>_<secret>`: the same shape and hashing as API keys (pgk_…), with a
 * prefix of their own, so the gateway (and a log reader) tells a browser's token from a server's secret key by
 * its first characters.
 */
export const CLIENT_TOKEN_PREFIX = 'pgct_';
const TOKEN_FORMAT = /^pgct_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function generateClientToken(): { plaintext: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { plaintext: `${CLIENT_TOKEN_PREFIX}${prefix}_${secret}`, prefix, secretHash: hashSecret(secret) };
}

export function parseClientToken(plaintext: string): { prefix: string; secret: string } | undefined {
  const match = TOKEN_FORMAT.exec(plaintext);
  return match ? { prefix: match[1], secret: match[2] } : undefined;
}

/** The bearer of an Authorization header, when it is a client token (by prefix only: nothing is verified here). */
export function clientTokenBearer(authorization: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  return bearer?.startsWith(CLIENT_TOKEN_PREFIX) ? bearer : undefined;
}
