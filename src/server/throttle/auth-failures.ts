import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config';
import { TokenBuckets } from './token-buckets';

export const THROTTLED = 'THROTTLED';

/**
 * Failed authentication per client address: every 401 on /graphql takes a token from the address's bucket;
 * an address with an empty bucket gets 429 + Retry-After before its key is even looked up, so guessing keys
 * costs the guesser time and costs the database nothing. Successful requests take nothing. The address is
 * Fastify's `request.ip`: behind a proxy, set `trustProxy` so it is the client's and not the proxy's.
 */
export function registerAuthFailureThrottle(app: FastifyInstance, config: Config['throttle']): void {
  if (!config.enabled) return;
  const buckets = new TokenBuckets(config.authFailuresBurst, config.authFailuresPerMinute / 60);
  app.addHook('onRequest', async (request, reply) => {
    if (!isGraphql(request.url) || buckets.available(request.ip) >= 1) return;
    const retryAfter = buckets.retryAfterSeconds(request.ip, 1);
    request.log.warn({ ip: request.ip, retryAfter }, 'throttled: too many failed authentications');
    return reply
      .code(429)
      .header('retry-after', String(retryAfter))
      .type('application/json; charset=utf-8')
      .send({ errors: [{ message: `Too many failed authentications from this address; retry in ${retryAfter} s.`, extensions: { code: THROTTLED, retryAfter, requestId: request.id } }] });
  });
  app.addHook('onResponse', async (request, reply) => {
    if (isGraphql(request.url) && reply.statusCode === 401) buckets.take(request.ip, 1);
  });
}

function isGraphql(url: string): boolean {
  return url === '/graphql' || url.startsWith('/graphql?');
}
