import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import { type GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { LiveChanges } from '../../domain/live/live-changes';
import type { Principal } from '../../domain/sites/principal';
import { createContext, type AppDeps } from '../../graphql/context';
import type { SubscriptionContext } from '../../graphql/subscriptions/subscription-context';
import { authenticateConnection, CLOSE_UNAUTHENTICATED, type ConnectionParams } from './connection-auth';
import { OpenConnections } from './open-connections';
import { clientTokenRefusal, formatErrors, isErrors, subscriptionOnly } from './operations';
import { scopedTo } from '../../domain/tenancy';

/** The path subscriptions are served on: the same as queries and mutations, over WebSocket (graphql-ws protocol). */
export const SUBSCRIPTIONS_PATH = '/graphql';
/** Each subscription holds at most one page of rows (LiveStream); this bounds a connection's share. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 20;
/** Client messages are small (an operation and its variables); anything larger is refused by ws. */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** How long shutdown waits for clients to answer the 1001 close before cutting their sockets. */
const CLOSE_GRACE_MS = 1_000;
/** A connection that has not sent connection_init by then is closed (4408). */
const CONNECTION_INIT_TIMEOUT_MS = 5_000;

type Extra = {
  principal?: Principal;
};

/**
 * GraphQL subscriptions over WebSocket on the HTTP server's upgrade event, as Apollo documents for graphql-ws.
 * The key is checked at connection_init exactly as the Authorization header is (connection-auth.ts), and
 * again on revocation and every minute (open-connections.ts); only subscription operations run here, through
 * the same depth/alias/token/cost limits as HTTP (operations.ts).
 * Closing the app (SIGTERM) closes every socket with 1001 before the HTTP server stops, so close does not
 * wait on open subscriptions, and a client reconnects elsewhere with its last cursor.
 */
export function registerSubscriptions(app: FastifyInstance, deps: AppDeps, schema: GraphQLSchema): void {
  const live = new LiveChanges(deps.orm.config.get('clientUrl')!, deps.log);
  const connections = new OpenConnections();
  // Listening starts with the first connection, so an instance nobody subscribes to holds no extra session.
  let stopRevocations: (() => void) | undefined;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let closing = false;
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (closing || new URL(request.url ?? '/', 'http://localhost').pathname !== SUBSCRIPTIONS_PATH) return void socket.destroy();
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  const server = useServer<ConnectionParams, Extra>(
    {
      schema,
      connectionInitWaitTimeout: CONNECTION_INIT_TIMEOUT_MS,
      isProd: true,
      onConnect: async (ctx) => {
        const origin = ctx.extra.request.headers.origin;
        const check = () => authenticateConnection(deps.orm.em.fork() as EntityManager, ctx.connectionParams, deps.log, origin);
        const outcome = await check();
        if ('refused' in outcome) {
          ctx.extra.socket.close(outcome.refused.code, outcome.refused.reason);
          return false;
        }
        ctx.extra.principal = outcome.principal;
        stopRevocations ??= live.onKeyRevoked((prefix) => connections.revoked(prefix, CLOSE_UNAUTHENTICATED));
        connections.add(outcome.keyPrefix, ctx.extra.socket, check);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const args = subscriptionOnly(schema, deps.config.graphql, payload, Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION);
        const principal = ctx.extra.principal!;
        if (isErrors(args) || !principal.clientToken) return args;
        return clientTokenRefusal(schema, args, payload, principal.clientToken, scopedTo(deps.orm.em as EntityManager, principal.actingSiteId));
      },
      // Added to, not spread: the context's lazy getters live on its prototype (graphql/context.ts).
      context: (ctx): SubscriptionContext => Object.assign(createContext(deps, { requestId: randomUUID(), principal: ctx.extra.principal!, log: deps.log }), { live }),
      onNext: (_ctx, _id, _payload, args, result) =>
        result.errors ? { ...result, errors: formatErrors(result.errors, (args.contextValue as SubscriptionContext).requestId, deps.log) } : undefined,
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors, randomUUID(), deps.log),
    },
    wss,
  );
  app.addHook('preClose', async () => {
    closing = true;
    // A client that never answers the close frame would hold shutdown for ws's 30 s close timeout.
    const cut = setTimeout(() => wss.clients.forEach((client) => client.terminate()), CLOSE_GRACE_MS);
    await server.dispose();
    clearTimeout(cut);
  });
  app.addHook('onClose', async () => {
    stopRevocations?.();
    await live.close();
  });
}
