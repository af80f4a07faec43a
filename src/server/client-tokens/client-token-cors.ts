import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EntityManager } from '@mikro-orm/postgresql';
import { clientTokenBearer } from '../../domain/client-tokens/client-token-secret';
import { allowedOriginsOf, originAllowedByAnyToken } from '../../domain/client-tokens/client-token.service';
import type { AppDeps } from '../../graphql/context';

const OFF = { origin: false } as const;

function corsFor(origins: string[]) {
  return {
    origin: origins,
    methods: ['POST'],
    allowedHeaders: ['authorization', 'content-type', 'accept', 'idempotency-key'],
    maxAge: 600,
  };
}

/**
 * CORS on /graphql for client tokens only; server keys get no CORS headers, as before. A request with a client
 * token is answered with Access-Control-Allow-Origin only when its Origin is one the token allows (and
 * authentication refuses the request itself otherwise). A preflight carries no Authorization header, so it can
 * only ask whether any live client token allows the origin: an origin no token allows gets no CORS headers.
 */
export async function registerClientTokenCors(app: FastifyInstance, deps: AppDeps, path = '/graphql'): Promise<void> {
  const em = () => deps.orm.em.fork() as EntityManager;
  await app.register(cors, {
    delegator: async (request: FastifyRequest) => {
      const origin = request.headers.origin;
      if (request.routeOptions.url !== path || !origin) return OFF;
      if (request.method === 'OPTIONS') return (await originAllowedByAnyToken(em(), origin)) ? corsFor([origin]) : OFF;
      const bearer = clientTokenBearer(request.headers.authorization);
      return bearer ? corsFor(await allowedOriginsOf(em(), bearer)) : OFF;
    },
  });
}
