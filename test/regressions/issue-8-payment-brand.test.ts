import { money } from '../../src/kernel/money';
import type { PayRequest } from '../../src/providers/provider';
import { card, ref } from '../providers/cardgateway/harness';
import type { Harness } from '../providers/contract/harness';
import type { CardGatewaySandbox } from '../../src/providers/cardgateway/sandbox/server';
import { lastWire, opensslMd5, rawCall, startVectorHarness, VECTOR_MERCHANT } from './issue-8-support';

/**
 * Issue 8, item 1: `paymentBrand` is required on synchronous card payments. The adapter derives it from the
 * card's range; the sandbox refuses a payment without it, or with a brand the number does not belong to.
 */
let h: Harness<CardGatewaySandbox>;
beforeAll(async () => {
  h = await startVectorHarness();
});
afterAll(() => h.close());

const pay = (pan: string, cvc = '123'): PayRequest => ({
  reference: ref('brand'),
  amount: money(1250n, 'EUR'),
  capture: true,
  source: { type: 'card', card: card(pan, cvc) },
  returnUrl: `${h.listener.url}/return`,
  notificationUrl: `${h.listener.url}/notify`,
});

const year = String(new Date().getUTCFullYear() + 2);
const rawPayment = (extra: Record<string, string>) => ({
  'authentication.checksum': '36ded2f172dfbeaad913bec94fdbba78', // test/vectors/cardgateway.json: 10501|Kx9pQ2vLm7#s|order-0001|156.00
  merchantTransactionId: 'order-0001',
  amount: '156.00',
  currency: 'EUR',
  paymentType: 'DB',
  paymentMode: 'CC',
  'card.number': '4111111111111111',
  'card.expiryMonth': '12',
  'card.expiryYear': year,
  'card.cvv': '123',
  ...extra,
});

describe('issue 8: the card gateway sends and checks paymentBrand', () => {
  it.each([
    ['4111111111111111', 'VISA', '123'],
    ['5555555555554444', 'MASTER', '123'],
    ['2223003122003222', 'MASTER', '123'],
    ['378282246310005', 'AMEX', '1234'],
    ['3530111333300000', 'JCB', '123'],
    ['36227206271667', 'DINERS', '123'],
    ['6011111111111117', 'DISCOVER', '123'],
    ['6200000000000005', 'UNIONPAY', '123'],
  ])('pays card %s with paymentBrand %s on the wire, under the checksum openssl computes', async (pan, brand, cvc) => {
    const request = pay(pan, cvc);
    expect(await h.provider.payments.pay(request)).toMatchObject({ status: 'succeeded' });
    const wire = await lastWire(h, '/payments');
    expect(wire.body).toMatchObject({ merchantTransactionId: request.reference, paymentBrand: brand, paymentMode: 'CC', paymentType: 'DB' });
    expect(wire.body['authentication.checksum']).toBe(opensslMd5(`${VECTOR_MERCHANT.memberId}|${VECTOR_MERCHANT.secureKey}|${request.reference}|12.50`));
  });

  it('the sandbox refuses a card payment without paymentBrand with the validation error, and charges nothing', async () => {
    const answer = await rawCall(h, '/payments', rawPayment({}));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ result: { code: '30001' } });
    expect(String((answer.body['result'] as { description: string }).description)).toMatch(/paymentBrand/);
    expect(h.sandbox.state.chargeCount('order-0001')).toBe(0);
  });

  it('the sandbox refuses a brand that the card number does not belong to', async () => {
    const answer = await rawCall(h, '/payments', rawPayment({ paymentBrand: 'MASTER' }));
    expect(answer.status).toBe(400);
    expect(String((answer.body['result'] as { description: string }).description)).toMatch(/paymentBrand MASTER does not match the card number/);
    expect(h.sandbox.state.chargeCount('order-0001')).toBe(0);
  });

  it('the sandbox takes the documented request with the matching brand and the openssl checksum', async () => {
    const answer = await rawCall(h, '/payments', rawPayment({ paymentBrand: 'VISA' }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'capturesuccess', paymentBrand: 'VISA', result: { code: '00001' } });
  });
});
