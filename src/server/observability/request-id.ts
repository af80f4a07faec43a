import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { runWithRequestId } from './request-context';

/**
 * Every response carries the request's id (Fastify's `request.id`, a fresh UUID) as `x-request-id`, and every
 * log line written while it is handled carries it as `reqId`. The id is always generated here, never taken
 * from the client, so a client can't put its own text (or a card number) into our logs through it.
 */
export function registerRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    runWithRequestId(request.id, done);
  });
}

/** The same id in the GraphQL body: `extensions.requestId`. */
export function requestIdPlugin<C extends { requestId: string }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          singleResult.extensions = { ...singleResult.extensions, requestId: contextValue.requestId };
        },
      };
    },
  };
}
