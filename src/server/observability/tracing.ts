import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, TracerProvider, type SpanExporter } from '@opentelemetry/sdk-trace';

export interface TracingOptions {
  serviceName: string;
  /** 'otlp' (OTLP over HTTP to `endpoint`), 'console', or an exporter of the caller's (tests: in memory). */
  exporter: 'otlp' | 'console' | SpanExporter;
  endpoint?: string;
}

/**
 * OpenTelemetry traces: incoming HTTP, GraphQL (operations and resolvers), PostgreSQL queries and outgoing
 * provider calls (undici/fetch, plus the gateway's own `provider <name> <operation>` span). Only this file
 * loads the SDK, and only tracing-preload requires it, so with tracing off none of it is loaded.
 * Must run before http, graphql and pg are first required, so that their instrumentations can patch them.
 */
export function startTracing(options: TracingOptions): { shutdown(): Promise<void> } {
  const exporter = typeof options.exporter === 'object' ? options.exporter : buildExporter(options.exporter, options.endpoint);
  const processor = typeof options.exporter === 'object' ? new SimpleSpanProcessor({ exporter }) : new BatchSpanProcessor({ exporter });
  const provider = new TracerProvider({ resource: resourceFromAttributes({ 'service.name': options.serviceName }), spanProcessors: [processor] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation(),
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
      new PgInstrumentation(),
      new UndiciInstrumentation(),
    ],
  });
  return {
    shutdown: async () => {
      unregister();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

function buildExporter(kind: 'otlp' | 'console', endpoint?: string): SpanExporter {
  if (kind === 'console') return new ConsoleSpanExporter();
  // Required here, not imported at the top: the OTLP exporter is the heaviest part and only 'otlp' needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  return new OTLPTraceExporter(endpoint ? { url: `${endpoint.replace(/\/$/, '')}/v1/traces` } : {});
}
