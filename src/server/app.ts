import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../graphql/context';
import { createSchema } from '../graphql/schema';
import { registerGraphql } from './graphql';
import { registerHealth } from './health';
import { DRAIN_TIMEOUT_MS, InFlight, trackRouteHandlers } from './in-flight';
import { registerCallbackRoutes } from './routes/callbacks/callbacks.route';
import { registerInboundRoutes } from './routes/inbound.route';
import { registerErrorHandler } from './protection/error-handler';
import { attachMetrics } from './observability/graphql-metrics.plugin';
import { Metrics, registerMetricsRoute } from './observability/metrics';
import { markBoundToRequest } from './observability/request-context';
import { registerRequestId } from './observability/request-id';
import { registerAuthFailureThrottle } from './throttle/auth-failures';
import { registerPlayground } from './playground/playground.route';
import { registerSubscriptions } from './subscriptions/subscriptions';
import { registerClientTokenCors } from './client-tokens/client-token-cors';
import { closeKeepAliveOnShutdown } from '../kernel/close-keep-alive';

export interface BuiltApp {
  app: FastifyInstance;
  /** Undefined when METRICS=false. */
  metrics?: Metrics;
  close(): Promise<void>;
}

/** The whole HTTP surface, built from its dependencies; tests and main.ts both use this. */
export async function buildApp(deps: AppDeps): Promise<BuiltApp> {
  const app: FastifyInstance = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: deps.config.http.bodyLimitBytes,
    genReqId: () => randomUUID(),
    // request.log carries the id as its `reqId` binding (Fastify's own lines come before any hook); other
    // loggers get it from the logger's mixin, so every line of a request has `reqId`.
    childLoggerFactory: (logger, bindings, options) => {
      const child = logger.child(bindings, options);
      markBoundToRequest(child);
      return child;
    },
  });
  closeKeepAliveOnShutdown(app);
  registerRequestId(app);
  const metrics = deps.config.observability.metrics ? new Metrics(deps.orm) : undefined;
  if (metrics) {
    attachMetrics(app, metrics);
    registerMetricsRoute(app, metrics);
  }
  const inFlight = new InFlight();
  trackRouteHandlers(app, inFlight);
  registerErrorHandler(app, deps.config.http.bodyLimitBytes);
  registerAuthFailureThrottle(app, deps.config.throttle);
  registerHealth(app, deps.orm);
  const schema = await createSchema();
  if (deps.config.graphql.playground) registerPlayground(app, deps.config.graphql.introspection ? schema : undefined);
  await registerClientTokenCors(app, deps);
  await registerGraphql(app, deps, schema);
  registerSubscriptions(app, deps, schema);
  await registerCallbackRoutes(app, deps);
  await registerInboundRoutes(app, deps);
  return {
    app,
    metrics,
    close: async () => {
      metrics?.close();
      await app.close();
      if (!(await inFlight.drain(DRAIN_TIMEOUT_MS))) deps.log.warn({ stillRunning: inFlight.count }, 'handlers still running after the drain timeout');
    },
  };
}
