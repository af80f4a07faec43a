import { isIP } from 'node:net';
import { InvalidInputError } from '../../kernel/errors';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);
/** IPv4 literals no merchant's public receiver has: loopback, private, link-local (cloud metadata), unspecified. */
const PRIVATE_V4 = [/^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./, /^0\./];

/**
 * An endpoint URL is https, with no user name or password in it, and not an address on the gateway's own
 * network. `allowHttpLoopback` (on outside production, WEBHOOK_ALLOW_HTTP_LOOPBACK) also admits http:// to
 * loopback, for a receiver on the developer's machine and for the tests.
 */
export function checkEndpointUrl(value: string, allowHttpLoopback: boolean): string {
  const field = ['input', 'url'];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError('INVALID_URL', 'url is not an absolute URL', field);
  }
  if (url.username || url.password) throw new InvalidInputError('INVALID_URL', 'url must not contain a user name or password', field);
  const host = url.hostname.toLowerCase();
  const loopback = LOOPBACK_NAMES.has(host) || /^127\./.test(host);
  if (url.protocol === 'http:' && loopback && allowHttpLoopback) return url.toString();
  if (url.protocol !== 'https:') {
    const hint = allowHttpLoopback ? 'https (or http to a loopback address)' : 'https';
    throw new InvalidInputError('INVALID_URL', `url must be ${hint}`, field);
  }
  if (!allowHttpLoopback && (loopback || isPrivateLiteral(host))) {
    throw new InvalidInputError('INVALID_URL', 'url must not name a loopback or private network address', field);
  }
  return url.toString();
}

function isPrivateLiteral(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare) === 4) return PRIVATE_V4.some((range) => range.test(bare));
  if (isIP(bare) === 6) return bare === '::' || bare === '::1' || /^f[cd]/.test(bare) || /^fe80:/.test(bare);
  return false;
}
