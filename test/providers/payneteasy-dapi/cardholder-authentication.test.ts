import { PaymentMethod } from '../../../src/domain/payment-methods/payment-method.entity';
import { DeclineReasonCode } from '../../../src/providers/provider';
import { money } from '../../../src/kernel/money';
import { DapiHarness, ENDPOINTS, postForm } from './harness';
import { MobileApp } from './mobile-app';

jest.setTimeout(60_000);

let h: DapiHarness;
let app: MobileApp;
let customerId: string;
beforeAll(async () => {
  h = await DapiHarness.start();
  customerId = (await h.customer()).id;
  app = new MobileApp(h, await h.appToken(customerId, 'IPHONE-15-ADA'), 'IPHONE-15-ADA');
});
afterAll(() => h?.close());

const status = (reference: string) => h.adapter().payments.status({ operation: 'payment', reference, amount: money(1000n, 'EUR') });

async function start(flow: 'verification' | 'sale', number: string) {
  const { body: initiated } = await app.initiate(flow, flow === 'sale' ? { currency: 'EUR', amountCentis: 1000 } : { currency: 'EUR' });
  const { body: performed } = await app.perform(flow, initiated, { number }, { amountCentis: 1000 });
  const first = await app.settled(flow, initiated.invoiceId, performed.session.token);
  return { invoiceId: initiated.invoiceId as string, token: performed.session.token as string, first };
}

describe('Payneteasy DAPI cardholder authentication: random sum, 3-D Secure, declines', () => {
  it('verifies a card outside 3-D Secure by the random sum the cardholder reads on the statement', async () => {
    const { invoiceId, token, first } = await start('verification', '5555555555554444');
    expect(first.body).toMatchObject({ state: 'REDIRECT_REQUEST', secure3DAuthStatus: 'UNSUPPORTED', redirectUrl: expect.stringContaining('/__random-sum/') });
    expect(await status(invoiceId)).toMatchObject({ status: 'requires_action', action: { type: 'redirect', url: first.body.redirectUrl, method: 'GET' } });
    const page = await fetch(first.body.redirectUrl);
    expect(page.status).toBe(200);
    const held = h.state.invoices.get(`${ENDPOINTS.verification}/${invoiceId}`)!.randomSumCentis!;
    expect(await postForm(first.body.redirectUrl, { amount: `0.${String(held).padStart(2, '0')}` })).toBe(200);
    const final = await app.settled('verification', invoiceId, token);
    expect(final.body).toMatchObject({ state: 'APPROVED', randomSumAuthStatus: 'AUTHENTICATED' });
    expect(await status(invoiceId)).toMatchObject({ status: 'succeeded' });
    const cards = await h.em().find(PaymentMethod, { customer: customerId, first6: '555555' });
    expect(cards).toHaveLength(1);
  });

  it('declines a random sum check answered wrongly, as an authentication failure, and saves no card', async () => {
    const { invoiceId, token, first } = await start('verification', '5555555555554444');
    const held = h.state.invoices.get(`${ENDPOINTS.verification}/${invoiceId}`)!.randomSumCentis!;
    await postForm(first.body.redirectUrl, { amount: `0.${String((held % 99) + 1).padStart(2, '0')}` });
    const final = await app.settled('verification', invoiceId, token);
    expect(final.body).toMatchObject({ state: 'DECLINED', randomSumAuthStatus: 'NOT_AUTHENTICATED' });
    expect(await status(invoiceId)).toMatchObject({ status: 'declined', reasonCode: DeclineReasonCode.AUTHENTICATION_FAILED });
    expect(await h.em().count(PaymentMethod, { customer: customerId })).toBe(1);
  });

  it('sends the cardholder to the ACS for a 3-D Secure challenge, then approves the sale', async () => {
    const { invoiceId, token, first } = await start('sale', '4000000000003220');
    expect(first.body).toMatchObject({ state: 'REDIRECT_REQUEST', redirectUrl: expect.stringContaining('/__acs/') });
    expect(await postForm(first.body.redirectUrl, { outcome: 'pass' })).toBe(200);
    const final = await app.settled('sale', invoiceId, token);
    expect(final.body).toMatchObject({ state: 'APPROVED', secure3DAuthStatus: 'AUTHENTICATED', transaction: { amountCentis: 1000 } });
    expect(await status(invoiceId)).toMatchObject({ status: 'succeeded', providerTransactionId: final.body.orderId });
  });

  it('declines by test card with the issuer code, mapped to a neutral reason', async () => {
    const { invoiceId, first } = await start('sale', '4000000000009995');
    expect(first.body).toMatchObject({ state: 'DECLINED', errorCode: 51, errorMessage: 'Insufficient funds' });
    expect(await status(invoiceId)).toMatchObject({ status: 'declined', code: '51', reasonCode: DeclineReasonCode.INSUFFICIENT_FUNDS });
  });

  it('reports not_found for a session Payneteasy never checked', async () => {
    const { body: initiated } = await app.initiate('sale', { currency: 'EUR', amountCentis: 1000 });
    expect(await status(initiated.invoiceId)).toEqual({ status: 'not_found' });
  });
});
