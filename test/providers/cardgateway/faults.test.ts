import { money } from '../../../src/kernel/money';
import { cardGatewayModule } from '../../../src/providers/cardgateway';
import { createProviderHttp } from '../../../src/providers/http/provider-http';
import { createLogger } from '../../../src/server/logger';
import { ProviderError, type PayRequest } from '../../../src/providers/provider';
import { card, MERCHANT, ref, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(800);
});
afterAll(() => h.close());
afterEach(() => h.sandbox.state.resetFaults());

const pay = (over: Partial<PayRequest> = {}): PayRequest => ({
  reference: ref('f'),
  amount: money(4200n, 'EUR'),
  capture: true,
  source: { type: 'card', card: card() },
  returnUrl: `${h.listener.url}/return`,
  notificationUrl: `${h.listener.url}/notify`,
  ...over,
});

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('card gateway faults, adapter against its sandbox', () => {
  it('reports a response lost after the charge as indeterminate; the inquiry by our reference finds the charge, made once', async () => {
    const request = pay({ source: { type: 'card', card: card('4000000000000341') } });
    const error = await failure(h.provider.payments.pay(request));
    expect(error.kind).toBe('indeterminate');
    const status = await h.provider.payments.status({ operation: 'payment', reference: request.reference, amount: request.amount });
    expect(status).toMatchObject({ status: 'succeeded', amount: request.amount });
    const counted = await fetch(`${h.sandbox.baseUrl}/__sandbox/charges/${request.reference}`).then((r) => r.json());
    expect(counted).toEqual({ merchantTransactionId: request.reference, charges: 1 });
  });

  it('loses the answer to any card when the knob says so, and only for the next request', async () => {
    await fetch(`${h.sandbox.baseUrl}/__sandbox/knobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ loseResponses: 1 }) });
    const lost = pay();
    expect((await failure(h.provider.payments.pay(lost))).kind).toBe('indeterminate');
    expect(h.sandbox.state.chargeCount(lost.reference)).toBe(1);
    expect(await h.provider.payments.pay(pay())).toMatchObject({ status: 'succeeded' });
  });

  it('times out on a slow answer as indeterminate, and the charge is still found afterwards', async () => {
    h.sandbox.state.knobs.slowCardDelayMs = 1_500;
    const request = pay({ source: { type: 'card', card: card('4000000000000077') } });
    const error = await failure(h.provider.payments.pay(request));
    expect(error).toMatchObject({ kind: 'indeterminate', code: 'TIMEOUT' });
    // The later inquiry (the reconciler's) has a normal deadline: the 800 ms one above is only there to time out.
    const patient = cardGatewayModule.create({
      siteId: 's',
      credentials: MERCHANT,
      baseUrl: h.sandbox.baseUrl,
      publicUrl: '',
      http: createProviderHttp({ provider: 'cardgateway', timeoutMs: 10_000, log: createLogger('silent') }),
    });
    expect(await patient.payments.status({ operation: 'payment', reference: request.reference, amount: request.amount })).toMatchObject({ status: 'succeeded' });
  });

  it('adds latency to every answer within the timeout without failing', async () => {
    h.sandbox.state.knobs.latencyMs = 200;
    const started = Date.now();
    expect(await h.provider.payments.pay(pay())).toMatchObject({ status: 'succeeded' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('reports HTTP 503 as indeterminate and charges nothing', async () => {
    h.sandbox.state.knobs.fail503 = 1;
    const request = pay();
    expect(await failure(h.provider.payments.pay(request))).toMatchObject({ kind: 'indeterminate', code: 'HTTP_503' });
    expect(h.sandbox.state.chargeCount(request.reference)).toBe(0);
    expect(await h.provider.payments.status({ operation: 'payment', reference: request.reference, amount: request.amount })).toMatchObject({ status: 'not_found' });
  });

  it('reports a sandbox that is not listening as retryable: nothing was sent', async () => {
    const closed = cardGatewayModule.create({
      siteId: 's',
      credentials: { partnerId: 'p', memberId: 'm', username: 'u', secureKey: 'k' },
      baseUrl: 'http://127.0.0.1:9',
      publicUrl: '',
      http: createProviderHttp({ provider: 'cardgateway', timeoutMs: 500, log: createLogger('silent') }),
    });
    expect(await failure(closed.payments.pay(pay()))).toMatchObject({ kind: 'retryable' });
  });

  it('never writes the card number or CVV into the log lines of the calls it makes', async () => {
    const pan = '5555555555554444';
    const cvc = '987';
    await h.provider.payments.pay(pay({ source: { type: 'card', card: card(pan, cvc) } }));
    await h.provider.payouts!.payout({ reference: ref('po'), amount: money(100n, 'EUR'), destination: { type: 'card', card: card(pan, cvc) }, notificationUrl: `${h.listener.url}/n` });
    const text = h.logs.join('\n');
    expect(text).toContain('payments.DB');
    expect(text).not.toContain(pan);
    expect(text).toMatch(/card\.cvv\\":\\"\[redacted\]/);
    expect(text).not.toMatch(/cvv\\?":\\?"987/);
    expect(text).not.toContain('contract-secure-key');
    expect(JSON.stringify(h.sandbox.state.requests)).not.toContain(pan);
  });
});
