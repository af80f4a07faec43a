import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { AuthError } from '../domain/errors';
import { authenticate } from '../domain/sites/auth.service';
import { createContext, type AppDeps, type Context } from '../graphql/context';
import { fromGlobalId } from '../graphql/common/global-id';
import { scrubText } from './scrub';

/** Errors that carry a code of ours (or of GraphQL's validation) are meant for the client; others are masked. */
export function isSafeError(code: unknown): boolean {
  return typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR';
}

export async function registerGraphql(app: FastifyInstance, deps: AppDeps, schema: GraphQLSchema): Promise<ApolloServer<Context>> {
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: deps.config.graphql.introspection,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    formatError: maskError,
    plugins: [
      fastifyApolloDrainPlugin(app),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      correlationPlugin(),
    ],
  });
  await apollo.start();
  await app.register(fastifyApollo(apollo), {
    path: '/graphql',
    context: async (request: FastifyRequest) => contextFor(deps, request),
  });
  return apollo;
}

async function contextFor(deps: AppDeps, request: FastifyRequest): Promise<Context> {
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const acting = header('x-acting-site');
  const actingSite = acting ? (fromGlobalId(acting)?.id ?? acting) : undefined;
  try {
    const principal = await authenticate(deps.orm.em.fork(), header('authorization'), actingSite);
    return createContext(deps, {
      requestId: request.id,
      principal,
      idempotencyKeyHeader: header('idempotency-key'),
      log: request.log,
    });
  } catch (error) {
    if (error instanceof AuthError) {
      const status = error.code === 'UNAUTHENTICATED' ? 401 : 403;
      throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status } } });
    }
    throw error;
  }
}

/** Logs unexpected errors with the request id and hands that id to the client as correlationId. */
function correlationPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isSafeError(error.extensions?.code)) continue;
            (error.extensions as Record<string, unknown>).correlationId = contextValue.requestId;
            contextValue.log.error({ err: error.originalError ?? error, correlationId: contextValue.requestId }, 'internal error');
          }
        },
      };
    },
  };
}

function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isSafeError(code)) return { ...formatted, message: scrubText(formatted.message) };
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: formatted.extensions?.correlationId },
  };
}
