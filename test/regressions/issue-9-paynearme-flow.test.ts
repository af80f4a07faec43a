import { money } from '../../src/kernel/money';
import { payNearMeModule } from '../../src/providers/paynearme';
import { createProviderHttp } from '../../src/providers/http/provider-http';
import { createLogger } from '../../src/server/logger';
import { DEMO, SEEDED, CREATE_METHOD, FEES_AND_METHODS, LOOKUP_BASIC, LOOKUP_FULL, PAY, REFUND, clearRequests, key, sandboxRequests, startFixture, type Fixture } from './issue-9-paynearme-fixture';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
}, 60_000);
afterAll(() => f?.t.close(), 30_000);

const asMerchant = (query: string, variables: Record<string, unknown>) => f.t.gql(query, variables, { key: f.merchant.key });
const card = (number = '4111111111111111') => ({ number, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123', holderName: 'Ada Lovelace' });

describe('issue 9: PayNearMe through GraphQL, the standard flow', () => {
  it('validates an order by the site order id with the minimal call only, when the query selects only basic fields', async () => {
    await clearRequests(f);
    const res = await asMerchant(LOOKUP_BASIC, { p: 'paynearme', site: SEEDED.carPayment.site });
    expect(res.data?.providerOrder).toMatchObject({ userErrors: [], order: { providerOrderId: SEEDED.carPayment.pnm, siteOrderId: SEEDED.carPayment.site, status: 'open', amount: { amount: '350.00' } } });
    const calls = await sandboxRequests(f);
    expect(calls.map((c) => [c.call, c.params.return_minimal_info])).toEqual([['find_orders', 'true']]);
    const again = await asMerchant(LOOKUP_BASIC, { p: 'paynearme', id: SEEDED.carPayment.pnm });
    expect(again.data?.providerOrder.order.orderId).toBe(res.data?.providerOrder.order.orderId);
  });

  it('makes the full call once, only when the query selects links, tokens or payment history', async () => {
    await clearRequests(f);
    const res = await asMerchant(LOOKUP_FULL, { p: 'paynearme', id: SEEDED.carPayment.pnm });
    expect(res.data?.providerOrder.order.secureSmartLink).toMatch(/^https:/);
    expect(res.data?.providerOrder.order.tokens).toEqual([{ token: SEEDED.activeToken, active: true }, { token: SEEDED.inactiveToken, active: false }]);
    const calls = await sandboxRequests(f);
    expect(calls.map((c) => [c.call, c.params.return_minimal_info ?? 'full'])).toEqual([['find_orders', 'true'], ['find_orders', 'full']]);
  });

  it('quotes fees per method and channel, lists saved methods, and pays with the active one: amount plus the chosen fee', async () => {
    const res = await asMerchant(FEES_AND_METHODS, { p: 'paynearme', site: SEEDED.carPayment.site, channel: 'ivr' });
    const order = res.data?.providerOrder.order;
    const credit = order.fees.find((q: { methodType: string }) => q.methodType === 'credit_card');
    expect(credit).toEqual({ id: 'credit_card@ivr', methodType: 'credit_card', channel: 'ivr', fee: { amount: '3.95' } });
    const active = order.savedMethods.find((m: { active: boolean }) => m.active);
    expect(active.token).toBe(SEEDED.activeToken);
    const paid = await asMerchant(PAY, { input: { ...key(), provider: 'paynearme', orderId: order.orderId, source: { paymentMethodId: active.paymentMethodId }, amount: { amount: '100.00', currency: 'USD' }, feeOptionId: credit.id } });
    expect(paid.data?.pay).toMatchObject({ userErrors: [], transaction: { status: 'SUCCEEDED', amount: { amount: '100.00' }, fee: { amount: '3.95' }, onBehalfOfPartner: false } });
    const charged = (await (await fetch(`${f.sandbox.baseUrl}/__sandbox/payments`)).json()) as { sitePaymentId: string; netCents: number; feeCents: number }[];
    expect(charged.find((p) => p.sitePaymentId === paid.data?.pay.transaction.reference)).toMatchObject({ netCents: 10_000, feeCents: 395 });
  });

  it('refuses to pay with an inactive saved method, naming the field, and creates no transaction', async () => {
    const res = await asMerchant(FEES_AND_METHODS, { p: 'paynearme', site: SEEDED.carPayment.site, channel: 'consumer' });
    const inactive = res.data?.providerOrder.order.savedMethods.find((m: { active: boolean }) => !m.active);
    const before = await sandboxRequests(f);
    const paid = await asMerchant(PAY, { input: { ...key(), orderId: res.data?.providerOrder.order.orderId, source: { paymentMethodId: inactive.paymentMethodId }, amount: { amount: '10.00', currency: 'USD' } } });
    expect(paid.data?.pay.transaction).toBeNull();
    expect(paid.data?.pay.userErrors).toEqual([{ code: 'INVALID_STATE', field: ['input', 'source', 'paymentMethodId'], message: expect.stringContaining('inactive') }]);
    expect((await sandboxRequests(f)).length).toBe(before.length);
  });

  it('creates a card payment method for an order and pays at once, then cancels that payment as a full refund', async () => {
    const order = (await asMerchant(LOOKUP_BASIC, { p: 'paynearme', id: SEEDED.gamingDeposit.pnm })).data?.providerOrder.order;
    const made = await asMerchant(CREATE_METHOD, { input: { ...key(), provider: 'paynearme', orderId: order.orderId, card: card(), charge: { amount: { amount: '40.00', currency: 'USD' } } } });
    expect(made.data?.createPaymentMethod).toMatchObject({ userErrors: [], paymentMethod: { last4: '1111' }, transaction: { status: 'SUCCEEDED', fee: { amount: '3.50' }, capturedAmount: { amount: '40.00' } } });
    const cancelled = await asMerchant(REFUND, { input: { ...key(), transactionId: made.data?.createPaymentMethod.transaction.id } });
    expect(cancelled.data?.refundPayment).toMatchObject({ userErrors: [], refund: { status: 'SUCCEEDED', amount: { amount: '40.00' } }, transaction: { refundedAmount: { amount: '40.00' } } });
    const calls = await sandboxRequests(f);
    expect(calls.at(-1)).toMatchObject({ call: 'cancel_payment', status: 200 });
    expect(calls.find((c) => c.call === 'create_payment_method')?.params.payment_method_card_number_pii).toBe('[redacted]');
  });

  it('pays a new card on an order with a declining test card as DECLINED with the provider reason', async () => {
    const order = (await asMerchant(LOOKUP_BASIC, { p: 'paynearme', id: SEEDED.gamingDeposit.pnm })).data?.providerOrder.order;
    const paid = await asMerchant(PAY, { input: { ...key(), provider: 'paynearme', orderId: order.orderId, source: { card: card('4000000000009995') }, amount: { amount: '20.00', currency: 'USD' } } });
    expect(paid.data?.pay.transaction).toMatchObject({ status: 'DECLINED', declineCode: '51', declineReason: 'Insufficient funds' });
  });

  it('records a payment made elsewhere at PayNearMe when the history is read, once, so later reads need no provider call', async () => {
    const elsewhere = payNearMeModule.create({ siteId: 'kiosk', credentials: { ...DEMO }, baseUrl: f.sandbox.baseUrl, publicUrl: 'http://127.0.0.1', http: createProviderHttp({ provider: 'paynearme', timeoutMs: 2_000, log: createLogger('silent') }) });
    const paid = await elsewhere.payments.pay({ reference: 'kiosk-payment-1', amount: money(2_500n, 'USD'), capture: true, source: { type: 'token', token: SEEDED.citationToken }, providerOrderId: SEEDED.citation.pnm, returnUrl: 'x', notificationUrl: 'y' });
    expect(paid.status).toBe('succeeded');
    for (const _ of [1, 2]) {
      const res = await asMerchant(LOOKUP_FULL, { p: 'paynearme', id: SEEDED.citation.pnm });
      expect(res.data?.providerOrder.order.paymentHistory).toContainEqual(expect.objectContaining({ providerTransactionId: paid.providerTransactionId, status: 'succeeded', amount: { amount: '25.00' } }));
    }
    await clearRequests(f);
    const read = await asMerchant(`{ transactions(first: 50, provider: "paynearme") { edges { node { status providerTransactionId amount { amount } fee { amount } order { providerOrderId } } } } }`, {});
    const found = read.data?.transactions.edges.map((e: { node: unknown }) => e.node).filter((n: { providerTransactionId: string }) => n.providerTransactionId === paid.providerTransactionId);
    expect(found).toEqual([{ status: 'SUCCEEDED', providerTransactionId: paid.providerTransactionId, amount: { amount: '25.00' }, fee: { amount: '0.00' }, order: { providerOrderId: SEEDED.citation.pnm } }]);
    expect(await sandboxRequests(f)).toEqual([]);
  });
});
