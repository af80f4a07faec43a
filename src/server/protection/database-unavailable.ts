import { ConnectionException } from '@mikro-orm/core';

/** How long a client is asked to wait when the database cannot be reached. */
export const RETRY_AFTER_SECONDS = 5;

export const UNAVAILABLE_MESSAGE = 'The service is temporarily unavailable; retry after a few seconds (with the same idempotency key).';

/** Socket errors (node) and SQLSTATEs (class 08 connection exception; shutdown, starting up, too many connections). */
const CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300']);
/** pg reports a dropped or refused connection in these words, without a code. */
const MESSAGES = /Connection terminated|connection is closed|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed|terminating connection/i;

/**
 * True when the error (or what it wraps: MikroORM's exception, GraphQL's originalError, a `cause`) says the
 * database could not be reached. Such a request did not run, or its outcome is kept under its idempotency
 * key: it is answered 503 with Retry-After, not as an internal error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    if (current instanceof ConnectionException) return true;
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    const next = current as { originalError?: unknown; cause?: unknown };
    current = next.originalError ?? next.cause;
  }
  return false;
}
