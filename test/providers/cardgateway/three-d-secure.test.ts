import { money } from '../../../src/kernel/money';
import { CallbackVerificationError, type PayRequest } from '../../../src/providers/provider';
import { cardGatewayModule } from '../../../src/providers/cardgateway';
import { createProviderHttp } from '../../../src/providers/http/provider-http';
import { createLogger } from '../../../src/server/logger';
import { asCallback, card, MERCHANT, ref, startHarness, waitFor, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => h.sandbox.state.resetFaults());

const threeDs = (over: Partial<PayRequest> = {}): PayRequest => ({
  reference: ref('3ds'),
  amount: money(1230n, 'EUR'),
  capture: true,
  source: { type: 'card', card: card('4000000000003220') },
  returnUrl: `${h.listener.url}/return`,
  notificationUrl: `${h.listener.url}/notify`,
  ...over,
});

/** What a browser does on the ACS page: load it, press a button, follow the form back to the merchant. */
async function answerAcs(url: string, outcome: 'authenticate' | 'fail') {
  const page = await fetch(url);
  const html = await page.text();
  expect(html).toContain('id="authenticate"');
  const key = /name="key" value="([^"]+)"/.exec(html)![1]!;
  const action = /action="([^"]+)"/.exec(html)![1]!;
  const done = await fetch(new URL(action, url), { method: 'POST', body: new URLSearchParams({ key, outcome }) });
  return done.text();
}

function returnForm(html: string) {
  const action = /form id="back" method="post" action="([^"]+)"/.exec(html)![1]!;
  const fields = Object.fromEntries([...html.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  return { action, fields };
}

describe('card gateway 3-D Secure, adapter against its sandbox', () => {
  it('redirects to the ACS; after authentication the customer returns and a signed callback settles the payment', async () => {
    const request = threeDs();
    const started = await h.provider.payments.pay(request);
    expect(started).toMatchObject({ status: 'requires_action', action: { type: 'redirect', method: 'GET' } });
    expect(h.sandbox.state.chargeCount(request.reference)).toBe(0);

    const html = await answerAcs((started as { action: { url: string } }).action.url, 'authenticate');
    const back = returnForm(html);
    expect(back.action).toBe(request.returnUrl);
    expect(back.fields).toMatchObject({ paymentId: started.providerTransactionId, merchantTransactionId: request.reference, status: 'Y', amount: '12.30' });

    const delivered = await waitFor(() => h.listener.received.find((r) => r.path === '/notify' && r.rawBody.toString().includes(request.reference)));
    const parsed = await h.provider.callbacks!.parse(asCallback(delivered));
    expect(parsed).toMatchObject({ reference: request.reference, providerTransactionId: started.providerTransactionId, outcome: { status: 'succeeded', amount: money(1230n, 'EUR') } });
    expect(h.sandbox.state.chargeCount(request.reference)).toBe(1);
  });

  it('declines with 20007 when authentication fails, in the callback and in the inquiry', async () => {
    const request = threeDs();
    const started = await h.provider.payments.pay(request);
    await answerAcs((started as { action: { url: string } }).action.url, 'fail');
    const delivered = await waitFor(() => h.listener.received.find((r) => r.path === '/notify' && r.rawBody.toString().includes(request.reference)));
    expect((await h.provider.callbacks!.parse(asCallback(delivered))).outcome).toMatchObject({ status: 'declined', code: '20007' });
    const status = await h.provider.payments.status({ operation: 'payment', reference: request.reference, providerTransactionId: started.providerTransactionId, amount: request.amount });
    expect(status).toMatchObject({ status: 'declined' });
    expect(h.sandbox.state.chargeCount(request.reference)).toBe(0);
  });

  it('settles by inquiry when the callback never arrives (polling)', async () => {
    h.sandbox.state.knobs.sendCallbacks = false;
    const request = threeDs({ capture: false });
    const started = await h.provider.payments.pay(request);
    const pending = await h.provider.payments.status({ operation: 'payment', reference: request.reference, amount: request.amount });
    expect(pending).toMatchObject({ status: 'processing' });
    await answerAcs((started as { action: { url: string } }).action.url, 'authenticate');
    const settled = await h.provider.completion!.complete({ reference: request.reference, providerTransactionId: started.providerTransactionId, amount: request.amount });
    expect(settled).toMatchObject({ status: 'authorized' });
    expect(h.listener.received.some((r) => r.rawBody.toString().includes(request.reference))).toBe(false);
  });

  it('rejects a callback whose status was tampered with, and one signed for another merchant', async () => {
    const request = threeDs();
    const started = await h.provider.payments.pay(request);
    await answerAcs((started as { action: { url: string } }).action.url, 'fail');
    const delivered = await waitFor(() => h.listener.received.find((r) => r.rawBody.toString().includes(request.reference)));
    const body = JSON.parse(delivered.rawBody.toString());
    const forged = { ...delivered, rawBody: Buffer.from(JSON.stringify({ ...body, status: 'capturesuccess', transactionStatus: 'Y' })) };
    await expect(h.provider.callbacks!.parse(asCallback(forged))).rejects.toThrow(CallbackVerificationError);
    const otherMerchant = cardGatewayModule.create({
      siteId: 'other',
      credentials: { ...MERCHANT, secureKey: 'another-merchant-key' },
      baseUrl: h.sandbox.baseUrl,
      publicUrl: h.listener.url,
      http: createProviderHttp({ provider: 'cardgateway', timeoutMs: 1000, log: createLogger('silent') }),
    });
    await expect(otherMerchant.callbacks!.parse(asCallback(delivered))).rejects.toThrow(/checksum/);
    await expect(h.provider.callbacks!.parse(asCallback(delivered))).resolves.toMatchObject({ outcome: { status: 'declined' } });
  });

  it('refuses the ACS page for a payment that is not waiting for authentication, or with a wrong key', async () => {
    const request = threeDs();
    const started = await h.provider.payments.pay(request);
    const url = new URL((started as { action: { url: string } }).action.url);
    url.searchParams.set('key', 'guess');
    expect((await fetch(url)).status).toBe(404);
    const sale = await h.provider.payments.pay({ ...threeDs(), source: { type: 'card', card: card() } });
    expect((await fetch(`${h.sandbox.baseUrl}/acs/${sale.providerTransactionId}?key=x`)).status).toBe(404);
  });
});
