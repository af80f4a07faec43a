/**
 * The first import of main.ts: when OTEL_TRACES_EXPORTER names an exporter, tracing starts before http,
 * graphql and pg are loaded (instrumentations patch modules as they are first required). Reads the raw
 * environment because config is not loaded yet; env.ts validates the same variables right after.
 * With the default (none) nothing of OpenTelemetry's SDK is loaded.
 */
const exporter = process.env.OTEL_TRACES_EXPORTER;
if (exporter === 'otlp' || exporter === 'console') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracing } = require('./server/observability/tracing') as typeof import('./server/observability/tracing');
  const tracing = startTracing({ exporter, serviceName: process.env.OTEL_SERVICE_NAME || 'paygraph', endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT });
  // Spans still buffered are sent when the process ends normally (the entry exits after a graceful shutdown).
  process.once('beforeExit', () => void tracing.shutdown());
}
