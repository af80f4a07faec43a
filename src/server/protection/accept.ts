import type { FastifyInstance } from 'fastify';
import Negotiator from 'negotiator';

/** The single-result media types Apollo Server can answer in (its MEDIA_TYPES, in its order of preference). */
const ANSWERABLE = [
  'application/json; charset=utf-8',
  'application/graphql-response+json; charset=utf-8',
  'application/json; callbackSpec=1.0; charset=utf-8',
];

/** Whether a response can be delivered to a client sending this Accept header (none: anything goes). */
export function acceptsGraphqlResponse(accept: string | undefined): boolean {
  if (!accept) return true;
  return new Negotiator({ headers: { accept } }).mediaType(ANSWERABLE) !== undefined;
}

/**
 * Apollo Server 5 decides the response's content type after it has executed the operation, so a mutation sent
 * with `Accept: text/html` charged the card, completed its idempotency key and then answered 406; a client
 * retrying with a new key paid twice. The same negotiation is made here, before the body is even read, so a
 * request whose answer cannot be delivered executes nothing.
 */
export function registerAcceptCheck(app: FastifyInstance, path: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== path) return;
    const accept = request.headers.accept;
    if (acceptsGraphqlResponse(accept)) return;
    request.log.info({ accept }, 'request refused: not acceptable');
    return reply
      .code(406)
      .type('application/json; charset=utf-8')
      .send({
        errors: [
          {
            message: 'The Accept header allows no type this endpoint answers in: accept application/json or application/graphql-response+json.',
            extensions: { code: 'NOT_ACCEPTABLE' },
          },
        ],
      });
  });
}
