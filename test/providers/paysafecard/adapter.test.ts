import { money } from '../../../src/kernel/money';
import { createProviderHttp } from '../../../src/providers/http/provider-http';
import { createLogger } from '../../../src/server/logger';
import { ProviderError, type PayRequest } from '../../../src/providers/provider';
import { paysafecardModule, type PaysafecardProvider } from '../../../src/providers/paysafecard';
import type { PaysafecardSandbox } from '../../../src/providers/paysafecard/sandbox/server';
import { startProviderHarness, waitFor, type Harness } from '../contract/harness';
import { customerPays, MAX, sandboxRequests, setKnobs } from './sandbox-client';

let h: Harness<PaysafecardSandbox>;
let counter = 0;
const reference = () => `psc${Date.now().toString(36)}${++counter}`;
beforeAll(async () => {
  h = await startProviderHarness(paysafecardModule);
});
afterAll(() => h.close());

const pay = (extra: Partial<PayRequest> = {}): PayRequest => ({
  reference: reference(),
  amount: money(1000n, 'EUR'),
  capture: true,
  source: { type: 'redirect' },
  customer: { id: 'max.mustermann@hotmail.com', email: 'max.mustermann@hotmail.com' },
  returnUrl: `${h.listener.url}/return/x`,
  notificationUrl: `${h.listener.url}/notify`,
  ...extra,
});

async function authorized(choice: Parameters<typeof customerPays>[2] = MAX) {
  const request = pay();
  const created = await h.provider.payments.pay(request);
  const id = created.providerTransactionId!;
  expect((await customerPays(h.sandbox, id, choice)).status).toBe(200);
  return { request, id };
}

describe('paysafecard adapter against its sandbox', () => {
  it('creates the payment and sends the customer to auth_url, with a hashed customer id and the {payment_id} placeholders', async () => {
    const request = pay();
    const outcome = await h.provider.payments.pay(request);
    expect(outcome).toMatchObject({ status: 'requires_action', action: { type: 'redirect', method: 'GET' }, providerTransactionId: `pay_1000000007_${request.reference}_EUR` });
    const sent = (await sandboxRequests(h.sandbox)).find((r) => r.method === 'POST' && r.headers['correlation-id'] === request.reference)!;
    const body = sent.body as { customer: { id: string }; redirect: { success_url: string }; notification_url: string; amount: number };
    expect(body.customer.id).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(sent.body)).not.toContain('max.mustermann');
    expect(body.redirect.success_url).toContain('payment_id={payment_id}');
    expect(body.notification_url).toContain('payment_id={payment_id}');
    expect(body.amount).toBe(10);
  });

  it('answers a wrong API key with 401 and the documented error body, and the adapter calls it a final credentials error', async () => {
    const response = await fetch(`${h.sandbox.baseUrl}/v1/payments/pay_x`, { headers: { authorization: `Basic ${Buffer.from('wrong').toString('base64')}` } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 'invalid_api_key', message: 'Authentication failed', number: 10008 });
    const http = createProviderHttp({ provider: 'paysafecard', timeoutMs: 2_000, log: createLogger('silent') });
    const wrong = paysafecardModule.create({ siteId: 's', credentials: { apiKey: 'wrong', mid: '1000000007' }, baseUrl: h.sandbox.baseUrl, publicUrl: h.listener.url, http });
    const error = await wrong.payments.pay(pay()).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'final', code: 'INVALID_CREDENTIALS' });
  });

  it('reports AUTHORIZED with the customer data exchange fields, captures it to SUCCESS, and a second capture changes nothing', async () => {
    const { request, id } = await authorized();
    const status = await h.provider.payments.status({ operation: 'payment', reference: request.reference, amount: request.amount });
    expect(status).toMatchObject({ status: 'authorized', customer: { id: '172853330915', firstName: 'Max Michael', lastName: 'Musterman', birthDate: '1990-09-28', email: 'max.mustermann@hotmail.com' } });
    const complete = { reference: request.reference, providerTransactionId: id, amount: request.amount };
    expect(await h.provider.completion!.complete(complete)).toMatchObject({ status: 'succeeded', amount: request.amount });
    expect(await h.provider.completion!.complete(complete)).toMatchObject({ status: 'succeeded' });
    const captures = (await sandboxRequests(h.sandbox)).filter((r) => r.path.endsWith(`${id}/capture`));
    expect(captures).toHaveLength(2);
  });

  it('declines an authorized payment with DELETE: CANCELED_MERCHANT, a customer data mismatch', async () => {
    const { request, id } = await authorized();
    const outcome = await h.provider.customerData!.decline({ reference: request.reference, providerTransactionId: id, amount: request.amount });
    expect(outcome).toMatchObject({ status: 'declined', code: 'CANCELED_MERCHANT', reasonCode: 'CUSTOMER_DATA_MISMATCH' });
  });

  it('carries no customer data for an account-less payment', async () => {
    const { request } = await authorized({ kind: 'accountless' });
    const status = await h.provider.payments.status({ operation: 'payment', reference: request.reference, amount: request.amount });
    expect(status.status).toBe('authorized');
    expect(status.customer).toBeUndefined();
  });

  it('expires an authorized payment not captured in time, and its capture then reports the expiry', async () => {
    const { request, id } = await authorized();
    await setKnobs(h.sandbox, { authorizationTtlMs: 0 });
    await new Promise((r) => setTimeout(r, 5));
    try {
      const outcome = await h.provider.completion!.complete({ reference: request.reference, providerTransactionId: id, amount: request.amount });
      expect(outcome).toMatchObject({ status: 'failed', code: 'EXPIRED' });
    } finally {
      await setKnobs(h.sandbox, { authorizationTtlMs: 600_000 });
    }
  });

  it('posts the unsigned notification to notification_url with the payment id in place of the placeholder', async () => {
    const { id } = await authorized();
    const received = await waitFor(() => h.listener.received.find((r) => r.path.includes(encodeURIComponent(id)) || r.path.includes(id)));
    expect(received.rawBody.toString()).toContain(`mtid=${encodeURIComponent(id)}`);
    expect(h.provider.callbacks!.hint({ headers: {}, rawBody: received.rawBody, query: {} })).toEqual({ providerTransactionId: id, reference: id.split('_')[2] });
  });

  it('answers not_found for a reference it never received', async () => {
    expect((await h.provider.payments.status({ operation: 'payment', reference: reference(), amount: money(100n, 'EUR') })).status).toBe('not_found');
  });

  it('refuses a card: the customer pays at paysafecard', async () => {
    const error = await h.provider.payments.pay(pay({ source: { type: 'token', token: 't' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
  });
});

describe('paysafecard refunds and payouts against the sandbox', () => {
  async function paid() {
    const { request, id } = await authorized();
    await h.provider.completion!.complete({ reference: request.reference, providerTransactionId: id, amount: request.amount });
    return { reference: request.reference, providerTransactionId: id, amount: request.amount };
  }

  it('validates a refund without moving money, then captures it', async () => {
    const payment = await paid();
    const validated = await h.provider.refunds!.validate!({ reference: reference(), payment, amount: money(400n, 'EUR') });
    expect(validated).toMatchObject({ status: 'authorized', providerStatus: 'VALIDATION_SUCCESSFUL' });
    const captured = await h.provider.refunds!.capture!({ reference: reference(), providerTransactionId: validated.providerTransactionId, payment, amount: money(400n, 'EUR') });
    expect(captured).toMatchObject({ status: 'succeeded', amount: money(400n, 'EUR') });
  });

  it('declines a refund above what was paid with 3179 as REFUND_EXCEEDS_ORIGINAL', async () => {
    const payment = await paid();
    const outcome = await h.provider.refunds!.refund({ reference: reference(), payment, amount: money(1001n, 'EUR') });
    expect(outcome).toMatchObject({ status: 'declined', code: 'REFUND_EXCEEDS_ORIGINAL', providerStatus: '3179' });
  });

  const customer = { id: 'c-1', email: 'max.mustermann@hotmail.com', firstName: 'Max Michael', lastName: 'Musterman', birthDate: '1990-09-28' };
  const payout = (extra = {}) => ({ reference: reference(), amount: money(500n, 'EUR'), destination: { type: 'redirect' as const }, customer: { ...customer, ...extra }, notificationUrl: `${h.listener.url}/notify` });

  it('validates a payout, then captures it', async () => {
    const request = payout();
    const validated = await h.provider.payouts!.validate!(request);
    expect(validated).toMatchObject({ status: 'authorized', providerTransactionId: `out_1000000007_${request.reference}_EUR` });
    expect(await h.provider.payouts!.capture!({ reference: request.reference, providerTransactionId: validated.providerTransactionId, amount: request.amount })).toMatchObject({ status: 'succeeded' });
  });

  it('declines a payout whose details do not match the account with 3195, and an unknown e-mail with 3162', async () => {
    expect(await h.provider.payouts!.validate!(payout({ lastName: 'Other' }))).toMatchObject({ status: 'declined', code: 'CUSTOMER_DETAILS_MISMATCH', reasonCode: 'CUSTOMER_DATA_MISMATCH' });
    expect(await h.provider.payouts!.validate!(payout({ email: 'nobody@example.com' }))).toMatchObject({ status: 'declined', code: 'CUSTOMER_NOT_FOUND' });
  });

  it("reads the merchant's payout limits", async () => {
    const limits = await (h.provider as PaysafecardProvider).payoutLimits('EUR');
    expect(limits).toMatchObject({ currency: 'EUR', mid: '1000000007', daily_payout_limit: 1_000_000 });
  });
});
