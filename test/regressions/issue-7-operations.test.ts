import { Scope } from '../support/app';
import { card, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

const NAMED_PAY = `mutation CheckoutPay($input: PayInput!) { pay(input: $input) { transaction { id status } userErrors { code } } }`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('issue 7: metrics, request ids', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(() => f?.t.close());

  it('serves Prometheus metrics after a pay: requests, operation latency, errors by code, provider calls, backlog, queue depth, pool', async () => {
    const paid = await f.gql(NAMED_PAY, { input: { provider: 'cardgateway', amount: { amount: '12.00', currency: 'EUR' }, source: { card: card() } } });
    expect(paid.data!.pay.transaction.status).toBe('SUCCEEDED');
    const readOnly = await f.t.merchant([Scope.READ]);
    await f.t.gql(NAMED_PAY, { input: { provider: 'cardgateway', amount: { amount: '1.00', currency: 'EUR' }, source: { card: card() } } }, { key: readOnly.key });

    const res = await f.t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toMatch(/paygraph_http_requests_total\{method="POST",route="\/graphql",status="200"\} \d+/);
    expect(text).toMatch(/paygraph_graphql_operation_duration_seconds_count\{operation="CheckoutPay",type="mutation"\} 2/);
    expect(text).toMatch(/paygraph_graphql_errors_total\{code="FORBIDDEN"\} 1/);
    expect(text).toMatch(/paygraph_provider_calls_total\{provider="cardgateway",operation="[^"]+",outcome="2xx"\} \d+/);
    expect(text).toMatch(/paygraph_provider_call_duration_seconds_bucket\{le="[^"]+",provider="cardgateway"/);
    expect(text).toMatch(/paygraph_reconciler_backlog\{kind="transaction"\} 0/);
    expect(text).toMatch(/paygraph_reconciler_oldest_unknown_seconds\{kind="transaction"\} 0/);
    expect(text).toMatch(/paygraph_job_queue_depth\{queue="[^"]+"\} \d+/);
    expect(text).toMatch(/paygraph_db_pool_connections\{state="total"\} [1-9]/);
    expect(text).toContain('paygraph_process_cpu_seconds_total');
  });

  it('puts one request id in the x-request-id header, extensions.requestId and every log line of that request', async () => {
    const before = f.t.logs.length;
    const res = await f.gql(NAMED_PAY, { input: { provider: 'cardgateway', amount: { amount: '3.00', currency: 'EUR' }, source: { card: card() } } });
    const id = res.headers['x-request-id'] as string;
    expect(id).toMatch(UUID);
    expect(JSON.parse(res.body).extensions.requestId).toBe(id);

    const lines = f.t.logs.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
    const ofRequest = lines.filter((l) => l.reqId === id);
    // Lines of this request with no id: everything logged since `before` belongs to it or names another id.
    expect(lines.filter((l) => l.reqId === undefined).map((l) => l.msg)).toEqual([]);
    const messages = ofRequest.map((l) => l.msg);
    expect(messages).toEqual(expect.arrayContaining(['incoming request', 'provider call', 'request completed']));

    const refused = await f.t.gql('{ viewer { scopes } }', undefined, { key: 'not-a-key' });
    expect(refused.status).toBe(401);
    expect(refused.headers['x-request-id']).toMatch(UUID);
    expect(refused.errors?.[0].extensions?.requestId).toBe(refused.headers['x-request-id']);
    expect((await f.t.app.inject({ method: 'GET', url: '/health' })).headers['x-request-id']).toMatch(UUID);
  });
});
