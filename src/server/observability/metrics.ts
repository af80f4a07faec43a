import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Orm } from '../../db/orm';
import type { JobQueue } from '../../jobs/job-queue';
import { providerCallChannel, type ProviderCallEvent } from '../../providers/http/provider-http';
import { registerBacklogGauges } from './backlog-gauges';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The gateway's Prometheus metrics: one registry per app (tests run several apps in one process). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({ name: 'paygraph_http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  readonly httpDuration = new Histogram({ name: 'paygraph_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['method', 'route'], buckets: SECONDS, registers: [this.registry] });
  readonly operationDuration = new Histogram({ name: 'paygraph_graphql_operation_duration_seconds', help: 'GraphQL operation latency by operation name and type', labelNames: ['operation', 'type'], buckets: SECONDS, registers: [this.registry] });
  readonly graphqlErrors = new Counter({ name: 'paygraph_graphql_errors_total', help: 'GraphQL errors by extensions.code', labelNames: ['code'], registers: [this.registry] });
  readonly providerCalls = new Counter({ name: 'paygraph_provider_calls_total', help: 'Calls to payment providers', labelNames: ['provider', 'operation', 'outcome'], registers: [this.registry] });
  readonly providerDuration = new Histogram({ name: 'paygraph_provider_call_duration_seconds', help: 'Provider call latency', labelNames: ['provider', 'operation', 'outcome'], buckets: SECONDS, registers: [this.registry] });
  private queue?: JobQueue;
  private readonly onProviderCall = (message: unknown) => {
    const { provider, operation, outcome, seconds } = message as ProviderCallEvent;
    this.providerCalls.inc({ provider, operation, outcome });
    this.providerDuration.observe({ provider, operation, outcome }, seconds);
  };

  constructor(orm: Orm) {
    collectDefaultMetrics({ register: this.registry, prefix: 'paygraph_' });
    registerBacklogGauges(this.registry, orm);
    const queueOf = () => this.queue;
    new Gauge({
      name: 'paygraph_job_queue_depth',
      help: 'Jobs waiting per pg-boss queue (read at scrape time)',
      labelNames: ['queue'],
      registers: [this.registry],
      async collect() {
        const queue = queueOf();
        if (!queue) return;
        for (const { name } of await queue.getQueues()) this.set({ queue: name }, await queue.getQueueSize(name));
      },
    });
    subscribe(providerCallChannel.name, this.onProviderCall);
  }

  /** The job queue starts after the app; its depth is reported once it is there. */
  watchJobQueue(queue: JobQueue): void {
    this.queue = queue;
  }

  close(): void {
    unsubscribe(providerCallChannel.name, this.onProviderCall);
  }
}

/** GET /metrics in the Prometheus text format, and the HTTP request counters. */
export function registerMetricsRoute(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL: ids and query strings would make a series per request.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
