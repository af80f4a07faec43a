import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../../../src/graphql/common/global-id';
import { createHash } from 'node:crypto';
import { CONTROL_KEY, DapiHarness, postForm } from './harness';
import { initiated, MerchantServer } from './graphql-device-api';
import { MobileApp } from './mobile-app';

jest.setTimeout(60_000);

let h: DapiHarness;
let app: MobileApp;
let merchant: MerchantServer;
beforeAll(async () => {
  // A short provider deadline: an invoice younger than it counts as a call in flight, which a callback leaves alone.
  h = await DapiHarness.start({ env: { PROVIDER_TIMEOUT_MS: '800' } });
  const customerId = (await h.customer()).id;
  const token = await h.appToken(customerId, 'PIXEL-9-ADA');
  app = new MobileApp(h, token, 'PIXEL-9-ADA');
  merchant = new MerchantServer(h, customerId, token, 'PIXEL-9-ADA');
});
afterAll(() => h?.close());


describe('the Device API through GraphQL: verification, card mapping, repeat sale by the saved card', () => {
  let clientCardId: string;
  let methodId: string;

  it('starts a verification the app performs; the mapping notification saves the card with its clientCardId', async () => {
    const started = await merchant.startVerification();
    expect(started.userErrors).toEqual([]);
    expect(started.session).toMatchObject({ endpointId: expect.stringMatching(/^\d+$/), nonce: expect.any(String), signature: expect.stringMatching(/^[0-9A-F]{40}$/) });
    expect(started.transaction).toBeNull();
    const performed = await app.perform('verification', initiated(started.session), { number: '4111111111111111' });
    expect(performed.status).toBe(200);
    expect((await app.settled('verification', started.session.invoiceId, performed.body.session.token)).body.state).toBe('APPROVED');
    await h.state.idle();
    const cards = await merchant.savedCards();
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ provider: 'payneteasy', status: 'ACTIVE', first6: '411111', clientCardId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    ({ clientCardId, id: methodId } = { clientCardId: cards[0]!.clientCardId!, id: cards[0]!.id });
  });

  it('repeats a sale by the saved card: PENDING at the start, SUCCEEDED once the status poll sees it approved', async () => {
    const started = await merchant.startSale('12.34', methodId);
    expect(started.userErrors).toEqual([]);
    expect(started.session.sourceClientCardId).toBe(clientCardId);
    expect(started.transaction).toMatchObject({ status: 'PENDING', kind: 'SALE', reference: started.session.invoiceId, amount: { amount: '12.34', currency: 'EUR' } });
    const performed = await app.perform('sale', initiated(started.session), { clientCardId }, { amountCentis: 1234 });
    const final = await app.settled('sale', started.session.invoiceId, performed.body.session.token);
    expect(final.body).toMatchObject({ state: 'APPROVED' });
    const inv = h.state.invoices.get(`${started.session.endpointId}/${started.session.invoiceId}`)!;
    expect(inv.checkAnswer).toMatchObject({ sourceOfFunds: { reference: { serverCardId: expect.stringMatching(/^sc-/) } } });
    await merchant.poll(started.transaction.id);
    expect(await merchant.transaction(started.transaction.id)).toMatchObject({ status: 'SUCCEEDED', providerTransactionId: final.body.orderId });
    expect(await merchant.savedCards()).toHaveLength(1);
  });

  it("applies Payneteasy's merchant callback for a DAPI sale by asking the DAPI status, without waiting for a poll", async () => {
    const startedAt = Date.now();
    const started = await merchant.startSale('3.00');
    const performed = await app.perform('sale', initiated(started.session), { number: '4111111111111111' }, { amountCentis: 300 });
    const final = await app.settled('sale', started.session.invoiceId, performed.body.session.token);
    expect(final.body.state).toBe('APPROVED');
    expect((await merchant.transaction(started.transaction.id)).status).toBe('PENDING');
    // Past the engine's deadline for a call in flight (2 × 800 ms + 1 s) since Initiate opened the invoice.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, startedAt + 2_700 - Date.now())));
    // The v2 callback format (docs/payneteasy.md "Callbacks"): control = sha1(status + orderid + client_orderid + controlKey).
    const fields = { type: 'sale', status: 'approved', orderid: final.body.orderId, merchant_order: started.session.invoiceId, client_orderid: started.session.invoiceId, amount: '3.00' };
    const control = createHash('sha1').update(`approved${fields.orderid}${fields.client_orderid}${CONTROL_KEY}`).digest('hex');
    const posted = await postForm(`${h.gatewayUrl}/callbacks/payneteasy`, { ...fields, control });
    expect(posted).toBe(200);
    expect(await merchant.transaction(started.transaction.id)).toMatchObject({ status: 'SUCCEEDED', providerTransactionId: final.body.orderId });
  });

  it('refuses at the check a card reference other than the saved card the sale was started for', async () => {
    const other = await merchant.startSale('5.00');
    const performed = await app.perform('sale', initiated(other.session), { number: '4111111111111111' }, { amountCentis: 500 });
    await app.settled('sale', other.session.invoiceId, performed.body.session.token);
    await h.state.idle();
    const second = (await merchant.savedCards()).find((c) => c.clientCardId !== clientCardId)!;
    const started = await merchant.startSale('5.00', methodId);
    const attempt = await app.perform('sale', initiated(started.session), { clientCardId: second.clientCardId! }, { amountCentis: 500 });
    expect((await app.settled('sale', started.session.invoiceId, attempt.body.session.token)).body).toMatchObject({ state: 'DECLINED', errorCode: 100 });
    expect(h.state.invoices.get(`${started.session.endpointId}/${started.session.invoiceId}`)!.checkVerdict).toContain('not the saved cards this session was started for');
  });

  it('surfaces 3-D Secure and the random-sum check as a REDIRECT nextAction', async () => {
    for (const number of ['4000000000003220', '5555555555554444']) {
      const started = await merchant.startSale('10.00');
      const performed = await app.perform('sale', initiated(started.session), { number }, { amountCentis: 1000 });
      const paused = await app.settled('sale', started.session.invoiceId, performed.body.session.token);
      expect(paused.body.state).toBe('REDIRECT_REQUEST');
      await merchant.poll(started.transaction.id);
      expect(await merchant.transaction(started.transaction.id)).toMatchObject({ status: 'REQUIRES_ACTION', nextAction: { __typename: 'RedirectAction', url: paused.body.redirectUrl, method: 'GET' } });
    }
  });

  it('answers a wrong or foreign access token, a JPY amount and an unknown saved card with userErrors, writing nothing', async () => {
    const wrongDevice = await new MerchantServer(h, merchant.customerId, merchant.accessToken, 'ANOTHER-PHONE').startSale('1.00');
    expect(wrongDevice.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_ACCESS_TOKEN', field: ['input', 'accessToken'] })]);
    const yen = (await h.gql(`mutation($input: StartDeviceSaleInput!) { startDeviceSale(input: $input) { session { invoiceId } userErrors { code field } } }`, {
      input: { provider: 'payneteasy', accessToken: merchant.accessToken, deviceId: merchant.deviceId, amount: { amount: '500', currency: 'JPY' } },
    })).data!.startDeviceSale;
    expect(yen).toEqual({ session: null, userErrors: [{ code: 'INVALID_CURRENCY', field: ['input', 'amount', 'currency'] }] });
    const unknown = await merchant.startSale('1.00', toGlobalId('PaymentMethod', randomUUID()));
    expect(unknown.userErrors[0]).toMatchObject({ field: ['input', 'sourcePaymentMethodId'] });
    expect(unknown.session).toBeNull();
  });
});
