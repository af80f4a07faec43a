import { PaymentMethod } from '../../../src/domain/payment-methods/payment-method.entity';
import { DapiHarness, ENDPOINTS, waitFor } from './harness';
import { MobileApp } from './mobile-app';

jest.setTimeout(60_000);

let h: DapiHarness;
beforeAll(async () => {
  h = await DapiHarness.start();
});
afterAll(() => h?.close());

async function sandboxInvoice(invoiceId: string) {
  return (await fetch(`${h.sandboxUrl}/__sandbox/dapi/invoices/${invoiceId}`)).json() as Promise<Record<string, any>>;
}

async function savedCards(customerId: string) {
  return h.em().find(PaymentMethod, { customer: customerId, provider: 'payneteasy' }, { orderBy: { createdAt: 'asc' } });
}

describe('Payneteasy DAPI: verification, card mapping, repeat sale by clientCardId', () => {
  let app: MobileApp;
  let customerId: string;
  let clientCardId: string;

  beforeAll(async () => {
    const customer = await h.customer('ada@example.com');
    customerId = customer.id;
    app = new MobileApp(h, await h.appToken(customerId, 'R58M-DEVICE-1'), 'R58M-DEVICE-1');
  });

  it('verifies a card: initiate at the gateway, perform at Payneteasy, the check and the mapping notification come back to the gateway', async () => {
    const initiated = await app.initiate('verification', { currency: 'EUR' });
    expect(initiated.status).toBe(200);
    expect(initiated.body).toEqual({ endpointId: ENDPOINTS.verification, invoiceId: expect.any(String), session: { nonce: expect.stringMatching(/^[0-9a-zA-Z^$]{64}$/), signature: expect.stringMatching(/^[0-9A-F]{40}$/) } });
    const performed = await app.perform('verification', initiated.body, { number: '4111111111111111' });
    expect(performed.status).toBe(200);
    const final = await app.settled('verification', initiated.body.invoiceId, performed.body.session.token);
    expect(final.body).toMatchObject({ state: 'APPROVED', secure3DAuthStatus: 'AUTHENTICATED', bankOrderId: expect.any(String) });
    const inv = await sandboxInvoice(initiated.body.invoiceId);
    expect(inv).toMatchObject({ checkVerdict: 'accepted', mappingVerdict: 'accepted' });

    const cards = await savedCards(customerId);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ type: 'CARD', first6: '411111', providerToken: inv.sourceServerCardId, status: 'ACTIVE' });
    clientCardId = cards[0]!.id;
    const listed = await app.cards();
    expect(listed.body.cards).toEqual([{ clientCardId, bin: '411111', uniqueReferenceCardId: expect.any(String), destinationOnly: false }]);
  });

  it('answers the check with the stored consumer data: e-mail, birth day as ddMMyyyy and phone', async () => {
    const verification = [...h.state.invoices.values()].find((i) => i.flow === 'verification')!;
    expect(verification.checkAnswer).toMatchObject({
      invoiceId: verification.invoiceId,
      consumer: { email: 'ada@example.com', birthDay: '10121990' },
      billing: { phone: '+35312345678' },
      transaction: { currency: 'EUR' },
      session: { nonce: verification.nonce, token: verification.token, checkSignature: expect.stringMatching(/^[0-9A-F]{40}$/) },
    });
    const requests = (await (await fetch(`${h.sandboxUrl}/__sandbox/dapi/requests`)).json()) as { path: string; body: any }[];
    const performed = requests.find((r) => r.path.startsWith(`/paynet/dapi/v1/verification/`));
    expect(JSON.stringify(performed)).not.toContain('4111111111111111');
    const rows = await h.em().getConnection().execute(`select data from provider_record where kind = 'dapi-session'`);
    expect(rows[0].data.checked).toEqual({ email: 'ada@example.com' });
    expect(JSON.stringify(rows)).not.toContain('4111111111111111');
  });

  it('repeats a sale by clientCardId: the check answers the mapped serverCardId and no second card is saved', async () => {
    const initiated = await app.initiate('sale', { currency: 'EUR', amountCentis: 1999 });
    expect(initiated.status).toBe(200);
    const performed = await app.perform('sale', initiated.body, { clientCardId }, { amountCentis: 1999 });
    expect(performed.status).toBe(200);
    const final = await app.settled('sale', initiated.body.invoiceId, performed.body.session.token);
    expect(final.body).toMatchObject({ state: 'APPROVED', transaction: { amountCentis: 1999 } });
    const inv = await sandboxInvoice(initiated.body.invoiceId);
    const [card] = await savedCards(customerId);
    expect(inv).toMatchObject({ checkVerdict: 'accepted', sourceServerCardId: card!.providerToken });
    expect(inv.mappingVerdict).toBeUndefined();
    expect(await savedCards(customerId)).toHaveLength(1);
  });

  it('declines a repeat sale whose perform carries another e-mail than the one the card was mapped with (the e-mail rule)', async () => {
    const initiated = await app.initiate('sale', { currency: 'EUR', amountCentis: 435 });
    const performed = await app.perform('sale', initiated.body, { clientCardId }, { amountCentis: 435, email: 'someone-else@example.com' });
    const final = await app.settled('sale', initiated.body.invoiceId, performed.body.session.token);
    expect(final.body).toMatchObject({ state: 'DECLINED', errorCode: 101 });
  });

  it("refuses another customer's clientCardId at the check, and Payneteasy does not go on", async () => {
    const other = await h.customer('bob@example.com');
    const bob = new MobileApp(h, await h.appToken(other.id, 'PIXEL-7-BOB'), 'PIXEL-7-BOB', 'bob@example.com');
    const initiated = await bob.initiate('sale', { currency: 'EUR', amountCentis: 29 });
    const performed = await bob.perform('sale', initiated.body, { clientCardId }, { amountCentis: 29 });
    const final = await bob.settled('sale', initiated.body.invoiceId, performed.body.session.token);
    expect(final.body).toMatchObject({ state: 'DECLINED', errorCode: 100 });
    const inv = await waitFor(() => sandboxInvoice(initiated.body.invoiceId), (i) => !!i.checkVerdict);
    expect(inv.checkVerdict).toContain('HTTP 400');
    expect(inv.checkVerdict).toContain('unknown sourceOfFunds.reference.clientCardId');
  });
});
