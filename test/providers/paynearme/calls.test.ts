import { ProviderError, type PayRequest } from '../../../src/providers/provider';
import { PayNearMeProvider } from '../../../src/providers/paynearme';
import { createProviderHttp } from '../../../src/providers/http/provider-http';
import { createLogger } from '../../../src/server/logger';
import { card, CREDENTIALS, knobs, ref, requests, SEEDED, startHarness, usd, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const refusal = async (p: Promise<unknown>) => {
  const error = await p.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
};
const payWith = (source: PayRequest['source'], providerOrderId: string = SEEDED.gamingDeposit.pnm, amount = 2500n): PayRequest => ({
  reference: ref(), amount: usd(amount), capture: true, source, providerOrderId, returnUrl: 'https://shop.example/back', notificationUrl: 'https://shop.example/n',
});

describe('PayNearMe adapter ↔ sandbox over HTTP: the nine proxy calls', () => {
  it('validates an order with the minimal call, finding it by the site order id too, with both identifiers signed in every call', async () => {
    const byPnm = await h.provider.providerOrders!.find({ providerOrderId: SEEDED.carPayment.pnm });
    const bySite = await h.provider.providerOrders!.find({ siteOrderId: SEEDED.carPayment.site });
    expect(byPnm).toMatchObject({ providerOrderId: SEEDED.carPayment.pnm, siteOrderId: SEEDED.carPayment.site, status: 'open', amount: usd(35_000n) });
    expect(bySite?.providerOrderId).toBe(SEEDED.carPayment.pnm);
    expect(byPnm?.details).toBeUndefined();
    const sent = (await requests(h)).filter((r) => r.call === 'find_orders').slice(-2);
    for (const r of sent) {
      expect(r.params).toMatchObject({ site_identifier: CREDENTIALS.siteIdentifier, proxy_site_identifier: CREDENTIALS.proxySiteIdentifier, version: '3.0', return_minimal_info: 'true' });
      expect(r.params.signature).toMatch(/^[0-9a-f]{64}$/);
      expect(Math.abs(Number(r.params.timestamp) - Date.now() / 1000)).toBeLessThan(10);
    }
  });

  it('answers an unknown order as undefined, and the full call brings links, tokens and history', async () => {
    expect(await h.provider.providerOrders!.find({ providerOrderId: '99999999999' })).toBeUndefined();
    const full = await h.provider.providerOrders!.find({ providerOrderId: SEEDED.carPayment.pnm, full: true });
    expect(full?.details?.secureSmartLink).toMatch(/^https:/);
    expect(full?.details?.savedMethods.map((m) => [m.token, m.active])).toEqual([[SEEDED.activeToken, true], [SEEDED.inactiveToken, false]]);
  });

  it('quotes fees per method type and channel, honouring the no-fee state of the citation', async () => {
    const generic = await h.provider.fees!.quote({ amount: usd(35_000n), providerOrderId: SEEDED.carPayment.pnm });
    const ivr = await h.provider.fees!.quote({ amount: usd(35_000n), providerOrderId: SEEDED.carPayment.pnm, channel: 'ivr' });
    const fine = await h.provider.fees!.quote({ amount: usd(12_500n), providerOrderId: SEEDED.citation.pnm, channel: 'ivr' });
    expect(generic.find((f) => f.methodType === 'credit_card')?.fee).toEqual(usd(295n));
    expect(ivr.find((f) => f.methodType === 'credit_card')).toMatchObject({ id: 'credit_card@ivr', fee: usd(395n), channel: 'ivr' });
    expect(fine.find((f) => f.methodType === 'credit_card')?.fee).toEqual(usd(0n));
  });

  it('pays with an active saved token, the fee on top, and refuses the inactive one with the provider text', async () => {
    const outcome = await h.provider.payments.pay(payWith({ type: 'token', token: SEEDED.activeToken }, SEEDED.carPayment.pnm, 10_000n));
    expect(outcome).toMatchObject({ status: 'succeeded', amount: usd(10_000n), fee: usd(295n) });
    const error = await refusal(h.provider.payments.pay(payWith({ type: 'token', token: SEEDED.inactiveToken }, SEEDED.carPayment.pnm)));
    expect(error).toMatchObject({ kind: 'final', message: 'Payment method is not active' });
  });

  it('creates a card method and pays in one step; a declining card is a declined outcome with its reason', async () => {
    const saved = await h.provider.savedMethods!.tokenize({ reference: ref(), card: card(), providerOrderId: SEEDED.gamingDeposit.pnm, charge: { amount: usd(5_000n), capture: true, returnUrl: 'x', notificationUrl: 'y' } });
    expect(saved.token).toMatch(/^pm_/);
    expect(saved.payment).toMatchObject({ status: 'succeeded', amount: usd(5_000n), fee: usd(350n) });
    const declined = await h.provider.payments.pay(payWith({ type: 'card', card: card('4000000000009995') }));
    expect(declined).toMatchObject({ status: 'declined', code: '51', reasonCode: 'INSUFFICIENT_FUNDS' });
    const methods = await h.provider.providerOrders!.savedMethods({ providerOrderId: SEEDED.gamingDeposit.pnm });
    expect(methods.some((m) => m.token === saved.token && m.active)).toBe(true);
  });

  it('refuses to create a card method without the CVV, before anything is sent', async () => {
    const before = (await requests(h)).length;
    const error = await refusal(h.provider.savedMethods!.tokenize({ reference: ref(), card: card('4111111111111111', null), providerOrderId: SEEDED.gamingDeposit.pnm }));
    expect(error.code).toBe('CVV_REQUIRED');
    expect((await requests(h)).length).toBe(before);
  });

  it('cancels a payment whole, finds it by our reference in the order history, and refuses a second cancel', async () => {
    const request = payWith({ type: 'token', token: SEEDED.citationToken }, SEEDED.citation.pnm, 5_000n);
    const paid = await h.provider.payments.pay(request);
    expect(paid.status).toBe('succeeded');
    const payment = { reference: request.reference, providerTransactionId: paid.providerTransactionId, amount: request.amount };
    expect(await h.provider.refunds!.refund({ reference: ref(), payment, amount: request.amount })).toMatchObject({ status: 'succeeded' });
    expect(await h.provider.payments.status({ operation: 'payment', reference: request.reference, providerOrderId: SEEDED.citation.pnm, amount: request.amount })).toMatchObject({ status: 'cancelled' });
    expect(await h.provider.payments.status({ operation: 'refund', reference: ref(), payment, providerOrderId: SEEDED.citation.pnm, amount: request.amount })).toMatchObject({ status: 'succeeded' });
    expect((await refusal(h.provider.refunds!.refund({ reference: ref(), payment, amount: request.amount }))).message).toBe('Payment has already been canceled');
  });

  it('keeps the document error texts: order not found, the timestamp window and a wrong secret', async () => {
    expect((await refusal(h.provider.payments.pay(payWith({ type: 'token', token: 'pm_x' }, '12345')))).message).toBe('Order not found for given pnm_order_identifier');
    await knobs(h, { clockSkewSeconds: 301 });
    try {
      const error = await refusal(h.provider.providerOrders!.find({ providerOrderId: SEEDED.carPayment.pnm }));
      expect(error).toMatchObject({ code: 'TIMESTAMP_OUT_OF_RANGE', message: 'Timestamp is out of range (+/- 300 seconds)' });
    } finally {
      await knobs(h, { clockSkewSeconds: 0 });
    }
    const wrong = new PayNearMeProvider({ siteId: 's', credentials: { ...CREDENTIALS, secretKey: 'not-the-secret' }, baseUrl: h.sandbox.baseUrl, publicUrl: 'http://x', http: createProviderHttp({ provider: 'paynearme', timeoutMs: 2_000, log: createLogger('silent') }) });
    const error = await refusal(wrong.providerOrders.find({ providerOrderId: SEEDED.carPayment.pnm }));
    expect(error.code).toBe('SIGNATURE_NOT_CORRECT');
    expect(error.message).toMatch(/^Signature is not correct -- string used for signature verification \(redacted\): pnm_order_identifier85237034088proxy_site_identifier/);
  });

  it('refuses an identifier with characters outside letters, digits, ".", "-" and "_" before sending it', async () => {
    const before = (await requests(h)).length;
    const error = await refusal(h.provider.providerOrders!.find({ siteOrderId: 'CAR 2026/0042' }));
    expect(error).toMatchObject({ code: 'INVALID_CHARACTERS', kind: 'final' });
    expect(error.message).toContain('site_order_identifier');
    expect((await requests(h)).length).toBe(before);
  });

  it('sandbox: refuses an unknown parameter, a missing proxy id and an unknown call with the document texts', async () => {
    const post = async (call: string, body: Record<string, string>) => (await (await fetch(`${h.sandbox.baseUrl}/json-api/${call}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { errors: { description: string }[] };
    const envelope = { site_identifier: CREDENTIALS.siteIdentifier, proxy_site_identifier: CREDENTIALS.proxySiteIdentifier, timestamp: String(Math.floor(Date.now() / 1000)), version: '3.0', signature: 'x' };
    expect((await post('find_orders', { ...envelope, pnm_order_identifier: '1', order_colour: 'red' })).errors[0]?.description).toBe('order_colour is not a supported parameter for this API call');
    const { proxy_site_identifier: _dropped, ...withoutProxy } = envelope;
    expect((await post('find_orders', { ...withoutProxy, pnm_order_identifier: '1' })).errors[0]?.description).toBe('Unrecognized API Call');
    expect((await post('find_everything', envelope)).errors[0]?.description).toBe('Unrecognized API Call');
  });
});
