import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { startTracing } from '../../src/server/observability/tracing';
import { PAY, card, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

describe('issue 7: OpenTelemetry traces with an in-memory exporter', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: { shutdown(): Promise<void> };
  let f: PaymentsFixture;
  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'paygraph-test', exporter });
    f = await startPaymentsFixture();
  });
  afterAll(async () => {
    await f?.t.close();
    await tracing?.shutdown();
  });

  it('records a span for each provider call, parent of the outgoing fetch span, with no card data in any attribute', async () => {
    exporter.reset();
    const paid = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '7.00', currency: 'EUR' }, source: { card: card() } } });
    expect(paid.data!.pay.transaction.status).toBe('SUCCEEDED');
    const spans = exporter.getFinishedSpans();
    const providerSpans = spans.filter((s) => s.name.startsWith('provider cardgateway '));
    expect(providerSpans.map((s) => s.attributes['paygraph.provider.operation'])).toEqual(expect.arrayContaining(['payments.DB']));
    // undici's instrumentation works through diagnostics_channel, so it records under Jest too; http, graphql and
    // pg are patched as they are first required, which Jest's module registry bypasses (see docs/operations.md).
    for (const providerSpan of providerSpans) {
      const fetchSpan = spans.find((s) => s.parentSpanContext?.spanId === providerSpan.spanContext().spanId);
      expect(fetchSpan?.instrumentationScope.name).toBe('@opentelemetry/instrumentation-undici');
      expect(fetchSpan?.spanContext().traceId).toBe(providerSpan.spanContext().traceId);
    }
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain('4111111111111111');
  });
});
