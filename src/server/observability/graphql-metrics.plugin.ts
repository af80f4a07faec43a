import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics';
import { requestIdPlugin } from './request-id';

const metricsOf = new WeakMap<FastifyInstance, Metrics>();

export function attachMetrics(app: FastifyInstance, metrics: Metrics): void {
  metricsOf.set(app, metrics);
}

/** Per operation: latency by name and type, and every error by code (operation names are the client's, so bounded by what clients send). */
function graphqlMetricsPlugin<C extends object>(metrics: Metrics): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operation, operationName, errors }) {
          const type = operation?.operation ?? 'unknown';
          metrics.operationDuration.observe({ operation: operationName ?? 'anonymous', type }, (performance.now() - started) / 1000);
          for (const error of errors ?? []) metrics.graphqlErrors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        },
      };
    },
  };
}

/** The Apollo plugins of observability: request id in `extensions`, and metrics when they are on. */
export function observabilityPlugins<C extends { requestId: string }>(app: FastifyInstance): ApolloServerPlugin<C>[] {
  const metrics = metricsOf.get(app);
  return metrics ? [requestIdPlugin<C>(), graphqlMetricsPlugin<C>(metrics)] : [requestIdPlugin<C>()];
}
