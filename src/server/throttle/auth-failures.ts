import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config/config';
import { TokenBuckets } from './token-buckets';

export const THROTTLED = 'THROTTLED';

/** Inbound requests of an address whose budget is spent: the inbound route answers them in its provider's shape. */
const throttledInbound = new WeakMap<FastifyRequest, number>();

/** Seconds the caller must wait, when this inbound request comes from an address out of failed authentications. */
export function inboundRetryAfter(request: FastifyRequest): number | undefined {
  return throttledInbound.get(request);
}

/**
 * Failed authentication per client address: every 401 on /graphql or on a provider's inbound routes
 * (/providers/…: the mobile app's access token, the provider's echoed session) takes a token from the address's
 * one bucket; an address with an empty bucket gets 429 + Retry-After before its key or token is even looked
 * up, so guessing costs the guesser time and costs the database nothing. Successful requests take nothing. The
 * address is Fastify's `request.ip`: behind a proxy, set `trustProxy` so it is the client's and not the proxy's.
 * /graphql is refused here; an inbound route refuses in its provider's error shape (inboundRetryAfter).
 */
export function registerAuthFailureThrottle(app: FastifyInstance, config: Config['throttle']): void {
  if (!config.enabled) return;
  const buckets = new TokenBuckets(config.authFailuresBurst, config.authFailuresPerMinute / 60);
  app.addHook('onRequest', async (request, reply) => {
    if (!counted(request.url) || buckets.available(request.ip) >= 1) return;
    const retryAfter = buckets.retryAfterSeconds(request.ip, 1);
    if (isInbound(request.url)) {
      throttledInbound.set(request, retryAfter);
      return;
    }
    request.log.warn({ ip: request.ip, retryAfter }, 'throttled: too many failed authentications');
    return reply
      .code(429)
      .header('retry-after', String(retryAfter))
      .type('application/json; charset=utf-8')
      .send({ errors: [{ message: `Too many failed authentications from this address; retry in ${retryAfter} s.`, extensions: { code: THROTTLED, retryAfter, requestId: request.id } }] });
  });
  app.addHook('onResponse', async (request, reply) => {
    if (counted(request.url) && reply.statusCode === 401) buckets.take(request.ip, 1);
  });
}

function isGraphql(url: string): boolean {
  return url === '/graphql' || url.startsWith('/graphql?');
}

function isInbound(url: string): boolean {
  return url.startsWith('/providers/');
}

const counted = (url: string) => isGraphql(url) || isInbound(url);
