import { createHash } from 'node:crypto';
import { deadlinePassed, throwIfDeadlinePassed, type ProviderHttp } from '../http/provider-http';
import { ProviderError } from '../provider';
import type { CardGatewayCredentials } from './requests';
import { errorResponse, PATHS, SECRET_FIELDS, tokenRequest, tokenResponse } from './wire';

/** Renew this long before the token's own expiry, so a token never expires in flight. */
const EARLY_MS = 30_000;
/** The platform's documented lifetime, used when a token's exp cannot be read. */
const DEFAULT_TTL_MS = 60 * 60 * 1000;

interface Cached {
  token: string;
  expiresAt: number;
}

/**
 * authTokens per (base URL, partner, merchant username, key), shared by every adapter instance in the process
 * (adapters are built per request). Concurrent callers share one in-flight fetch.
 */
export class TokenCache {
  private readonly tokens = new Map<string, Cached>();
  private readonly inflight = new Map<string, Promise<string>>();

  /**
   * A valid token. `signal` is the caller's deadline: once it fires the caller stops waiting (and so sends
   * nothing), but a fetch shared with other callers runs on under its own timeout.
   */
  async get(http: ProviderHttp, baseUrl: string, c: CardGatewayCredentials, signal?: AbortSignal, now = Date.now()): Promise<string> {
    throwIfDeadlinePassed(signal);
    const key = cacheKey(baseUrl, c);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt - EARLY_MS > now) return cached.token;
    const running = this.inflight.get(key);
    if (running) return untilDeadline(running, signal);
    const fetching = fetchToken(http, baseUrl, c)
      .then((fresh) => {
        this.tokens.set(key, fresh);
        return fresh.token;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, fetching);
    return untilDeadline(fetching, signal);
  }

  /** After a 401: the platform no longer accepts this token, whatever its exp says. */
  invalidate(baseUrl: string, c: CardGatewayCredentials, token: string): void {
    const key = cacheKey(baseUrl, c);
    if (this.tokens.get(key)?.token === token) this.tokens.delete(key);
  }
}

export const tokenCache = new TokenCache();

function untilDeadline<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(deadlinePassed());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The key's digest is part of the cache key: a site whose secret changed (or is wrong) never borrows a token. */
function cacheKey(baseUrl: string, c: CardGatewayCredentials): string {
  const keyDigest = createHash('sha256').update(c.secureKey).digest('base64url').slice(0, 16);
  return `${baseUrl}|${c.partnerId}|${c.username}|${keyDigest}`;
}

async function fetchToken(http: ProviderHttp, baseUrl: string, c: CardGatewayCredentials): Promise<Cached> {
  const response = await http
    .send({
      method: 'POST',
      url: baseUrl + PATHS.authToken,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: tokenRequest(c).toString(),
      operation: 'authToken',
      redactFields: SECRET_FIELDS,
    })
    .catch((error: unknown) => {
      // No payment request has left yet, so a token call that timed out is safe to repeat.
      if (error instanceof ProviderError && error.kind === 'indeterminate') throw new ProviderError('retryable', error.code, error.message);
      throw error;
    });
  if (response.status >= 500) throw new ProviderError('retryable', `HTTP_${response.status}`, `the card gateway answered HTTP ${response.status} to the token request`, response.status);
  const body = safeJson(response.text);
  const parsed = tokenResponse.safeParse(body);
  if (response.status === 200 && parsed.success) return { token: parsed.data.token, expiresAt: jwtExpiry(parsed.data.token) ?? Date.now() + DEFAULT_TTL_MS };
  const error = errorResponse.safeParse(body);
  const detail = error.success ? `${error.data.resultCode} ${error.data.resultText}` : `HTTP ${response.status}`;
  throw new ProviderError('final', 'INVALID_CREDENTIALS', `the card gateway refused the merchant credentials (${detail})`, response.status);
}

/** The platform's token is a JWT ("iss":"PZ"); its exp (seconds) tells how long to keep it. */
export function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  const exp = (safeJson(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown } | undefined)?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
