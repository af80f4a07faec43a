import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { AuthError } from '../kernel/errors';
import { authenticate } from '../domain/sites/auth.service';
import { createContext, type AppDeps, type Context } from '../graphql/context';
import { siteIdOf } from '../graphql/common/global-id';
import { registerAcceptCheck } from './protection/accept';
import { registerHeaderGuard } from './protection/header-guard';
import { inputGuardPlugin, safeStringLiteralsRule } from './protection/input-guard';
import { clientSafeMessage } from './protection/client-message';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE } from './protection/database-unavailable';
import { queryCostPlugin } from './protection/query-cost.plugin';
import { costThrottle } from './throttle/cost-budget';
import { observabilityPlugins } from './observability/graphql-metrics.plugin';
import { queryLimitRules, tokenLimitParseOptions } from './protection/query-limits';
import { isSafeError, requestLogPlugin } from './protection/request-log.plugin';
import { responseStatusPlugin } from './protection/response-status.plugin';
import { scrubText } from '../security/scrub';
import { clientTokenGatePlugin } from './client-tokens/client-token-gate.plugin';
import { registerTrustedDocuments } from './client-tokens/trusted-documents';
import { compiledExecution } from './compiled-execution';

export async function registerGraphql(app: FastifyInstance, deps: AppDeps, schema: GraphQLSchema): Promise<ApolloServer<Context>> {
  const apollo = new ApolloServer<Context>({
    ...(deps.config.graphql.compileAfter > 0 ? { gateway: compiledExecution(schema, deps.config.graphql.compileAfter) } : { schema }),
    introspection: deps.config.graphql.introspection,
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    validationRules: [...queryLimitRules(deps.config.graphql), safeStringLiteralsRule],
    parseOptions: tokenLimitParseOptions(deps.config.graphql),
    formatError: maskError,
    plugins: [
      fastifyApolloDrainPlugin(app),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      requestLogPlugin(),
      responseStatusPlugin(),
      inputGuardPlugin(),
      queryCostPlugin(deps.config.graphql.maxCost, costThrottle(deps.config.throttle)),
      ...observabilityPlugins<Context>(app),
      clientTokenGatePlugin(),
    ],
  });
  await apollo.start();
  registerAcceptCheck(app, '/graphql');
  registerHeaderGuard(app, '/graphql');
  registerTrustedDocuments(app, '/graphql');
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
  const actingSite = acting ? (siteIdOf(acting) ?? acting) : undefined;
  try {
    const principal = await authenticate(() => deps.orm.em.fork(), header('authorization'), actingSite, header('origin'));
    return createContext(deps, {
      requestId: request.id,
      principal,
      idempotencyKeyHeader: header('idempotency-key'),
      log: request.log,
    });
  } catch (error) {
    if (error instanceof AuthError) {
      const status = error.code === 'UNAUTHENTICATED' ? 401 : 403;
      throw new GraphQLError(error.message, { extensions: { code: error.code, requestId: request.id, http: { status } } });
    }
    if (isDatabaseUnavailable(error)) throw unavailable(request, error);
    request.log.error({ err: error, correlationId: request.id }, 'internal error');
    throw new GraphQLError('Internal server error', {
      extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: request.id, http: { status: 500 } },
    });
  }
}

function unavailable(request: FastifyRequest, error: unknown): GraphQLError {
  request.log.warn({ err: error, correlationId: request.id }, 'database unavailable');
  const headers = new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]);
  return new GraphQLError(UNAVAILABLE_MESSAGE, { extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503, headers } } });
}

export function maskError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (isDatabaseUnavailable(error)) return { message: UNAVAILABLE_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: 'SERVICE_UNAVAILABLE' } };
  const code = formatted.extensions?.code;
  if (isSafeError(code)) {
    const message = error instanceof GraphQLError ? clientSafeMessage(error) : scrubText(formatted.message);
    return { ...formatted, message };
  }
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: formatted.extensions?.correlationId },
  };
}
