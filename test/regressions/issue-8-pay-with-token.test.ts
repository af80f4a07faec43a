import { money } from '../../src/kernel/money';
import type { CardGatewaySandbox } from '../../src/providers/cardgateway/sandbox/server';
import type { PayRequest } from '../../src/providers/provider';
import { Secret } from '../../src/providers/secret';
import { card, ref } from '../providers/cardgateway/harness';
import type { Harness } from '../providers/contract/harness';
import { lastWire, opensslMd5, rawCall, startVectorHarness, VECTOR_MERCHANT } from './issue-8-support';

/**
 * Issue 8, item 2: a payment with a saved card is the vendor's documented call POST /paywithtoken/{registrationId},
 * whose checksum is memberId | secureKey | registrationId | amount; the sandbox serves it and refuses the old
 * form (POST /payments with registrationId and recurringType=REPEATED).
 */
let h: Harness<CardGatewaySandbox>;
beforeAll(async () => {
  h = await startVectorHarness();
});
afterAll(() => h.close());

const payment = (over: Partial<PayRequest>): PayRequest => ({
  reference: ref('tok'),
  amount: money(999n, 'EUR'),
  capture: true,
  source: { type: 'card', card: card() },
  returnUrl: `${h.listener.url}/return`,
  notificationUrl: `${h.listener.url}/notify`,
  ...over,
});

async function savedCard(pan = '4111111111111111'): Promise<string> {
  return (await h.provider.savedMethods!.tokenize({ reference: ref('reg'), card: card(pan) })).token;
}

describe('issue 8: payments with a saved card go to /paywithtoken/{registrationId}', () => {
  it('charges a saved card at /paywithtoken/{id} with no card data, under the checksum openssl computes', async () => {
    const token = await savedCard();
    const request = payment({ source: { type: 'token', token } });
    expect(await h.provider.payments.pay(request)).toMatchObject({ status: 'succeeded', amount: money(999n, 'EUR') });
    const wire = await lastWire(h, '/paywithtoken/');
    expect(wire.path).toBe(`/transactionServices/REST/v1/paywithtoken/${token}`);
    expect(wire.body).toMatchObject({ 'authentication.memberId': '10501', paymentType: 'DB', amount: '9.99', currency: 'EUR', merchantTransactionId: request.reference });
    expect(Object.keys(wire.body).filter((k) => k.startsWith('card.') || k === 'registrationId' || k === 'recurringType')).toEqual([]);
    expect(wire.body['authentication.checksum']).toBe(opensslMd5(`${VECTOR_MERCHANT.memberId}|${VECTOR_MERCHANT.secureKey}|${token}|9.99`));
    expect(h.sandbox.state.chargeCount(request.reference)).toBe(1);
  });

  it('authorizes (PA) with a saved card and sends the CVV when the caller gives it', async () => {
    const token = await savedCard('5555555555554444');
    const request = payment({ capture: false, source: { type: 'token', token, cvc: new Secret('321') } });
    expect(await h.provider.payments.pay(request)).toMatchObject({ status: 'authorized' });
    const wire = await lastWire(h, '/paywithtoken/');
    expect(wire.body).toMatchObject({ paymentType: 'PA', 'card.cvv': '***' });
  });

  it('pays again with the card saved by a first payment (createRegistration), at /paywithtoken', async () => {
    const first = await h.provider.payments.pay(payment({ saveMethod: true }));
    const token = first.savedMethod!.token;
    expect(await h.provider.payments.pay(payment({ source: { type: 'token', token } }))).toMatchObject({ status: 'succeeded' });
    expect((await lastWire(h, '/paywithtoken/')).path).toMatch(new RegExp(`/paywithtoken/${token}$`));
  });

  it('the sandbox takes the documented call with the vector openssl computed (memberId|secureKey|registrationId|amount)', async () => {
    const token = '5f2b9c1e4a7d8e3f6b0a1c2d3e4f5a6b'; // test/vectors/cardgateway.json payWithToken
    h.sandbox.state.registrations.set(token, { registrationId: token, memberId: '10501', pan: '4111111111111111', expiryMonth: '12', expiryYear: String(new Date().getUTCFullYear() + 2) });
    const answer = await rawCall(h, `/paywithtoken/${token}`, {
      'authentication.checksum': '41ed6bb25915635eb3b79214041c40b6',
      merchantTransactionId: ref('raw'),
      amount: '50.00',
      currency: 'EUR',
      paymentType: 'DB',
    });
    expect(answer).toMatchObject({ status: 200, body: { status: 'capturesuccess', amount: '50.00' } });
  });

  it('the sandbox refuses a checksum in the payment order (registrationId where merchantTransactionId goes)', async () => {
    const token = await savedCard();
    const reference = ref('raw');
    const answer = await rawCall(h, `/paywithtoken/${token}`, {
      'authentication.checksum': opensslMd5(`10501|Kx9pQ2vLm7#s|${reference}|50.00`),
      merchantTransactionId: reference,
      amount: '50.00',
      currency: 'EUR',
      paymentType: 'DB',
    });
    expect(answer).toMatchObject({ status: 400, body: { result: { code: '30002' } } });
    expect(h.sandbox.state.chargeCount(reference)).toBe(0);
  });

  it('the sandbox refuses the old form: /payments with registrationId and recurringType=REPEATED', async () => {
    const token = await savedCard();
    const reference = 'order-0001';
    const answer = await rawCall(h, '/payments', {
      'authentication.checksum': '36ded2f172dfbeaad913bec94fdbba78', // 10501|Kx9pQ2vLm7#s|order-0001|156.00
      merchantTransactionId: reference,
      amount: '156.00',
      currency: 'EUR',
      paymentType: 'DB',
      registrationId: token,
      recurringType: 'REPEATED',
    });
    expect(answer.status).toBe(400);
    expect(String((answer.body['result'] as { description: string }).description)).toMatch(/paywithtoken/);
    expect(h.sandbox.state.chargeCount(reference)).toBe(0);
  });

  it('refuses a payment with a saved card the platform does not hold', async () => {
    await expect(h.provider.payments.pay(payment({ source: { type: 'token', token: 'nope' } }))).rejects.toMatchObject({ kind: 'final', code: '10026' });
  });
});
