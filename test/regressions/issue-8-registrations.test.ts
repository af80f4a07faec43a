import { money } from '../../src/kernel/money';
import type { CardGatewaySandbox } from '../../src/providers/cardgateway/sandbox/server';
import { card, ref } from '../providers/cardgateway/harness';
import type { Harness } from '../providers/contract/harness';
import { card as gqlCard, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';
import { lastWire, opensslMd5, rawCall, startVectorHarness, VECTOR_MERCHANT } from './issue-8-support';

/**
 * Issue 8, item 3: a stand-alone registration answers with the saved card's id in `id` (the platform returns
 * a registration object; `registrationId` is the name only a payment with createRegistration=true answers
 * with). Deleting a registration (POST /paywithtoken/{id}, paymentType=DL) lets removePaymentMethod forget
 * the card at the provider too.
 */
const year = String(new Date().getUTCFullYear() + 2);

describe('issue 8: card registrations at the card gateway', () => {
  let h: Harness<CardGatewaySandbox>;
  beforeAll(async () => {
    h = await startVectorHarness();
  });
  afterAll(() => h.close());

  it('the sandbox answers a stand-alone registration with the saved card id in `id`', async () => {
    const answer = await rawCall(h, '/registrations', {
      'authentication.checksum': opensslMd5(`${VECTOR_MERCHANT.memberId}|${VECTOR_MERCHANT.secureKey}|5555555555554444`),
      merchantTransactionId: ref('reg'),
      paymentBrand: 'MASTER',
      paymentMode: 'CC',
      'card.number': '5555555555554444',
      'card.expiryMonth': '12',
      'card.expiryYear': year,
      'card.cvv': '123',
    });
    expect(answer.status).toBe(200);
    expect(answer.body['id']).toEqual(expect.stringMatching(/^[0-9a-f]{32}$/));
    expect(answer.body['registrationId']).toBeUndefined();
    expect(h.sandbox.state.registrations.has(String(answer.body['id']))).toBe(true);
  });

  it('saves a card stand-alone and keeps the id the platform returned, under the checksum openssl computes', async () => {
    const saved = await h.provider.savedMethods!.tokenize({ reference: ref('reg'), card: card('5555555555554444') });
    expect(h.sandbox.state.registrations.has(saved.token)).toBe(true);
    const wire = await lastWire(h, '/registrations');
    expect(wire.body).toMatchObject({ paymentBrand: 'MASTER', 'card.number': '555555******4444' });
    // test/vectors/cardgateway.json "stand-alone registration"
    expect(opensslMd5('10501|Kx9pQ2vLm7#s|5555555555554444')).toBe('6caa5fa467abdf50de634b02c76ec4c7');
    expect(wire.body['authentication.checksum']).toBe('6caa5fa467abdf50de634b02c76ec4c7');
  });

  it('deletes a registration at the platform (paymentType DL), after which the card cannot be charged', async () => {
    const saved = await h.provider.savedMethods!.tokenize({ reference: ref('reg'), card: card() });
    expect(h.provider.savedMethods!.remove).toBeDefined();
    await h.provider.savedMethods!.remove!({ token: saved.token });
    const wire = await lastWire(h, '/paywithtoken/');
    expect(wire.path).toBe(`/transactionServices/REST/v1/paywithtoken/${saved.token}`);
    expect(wire.body).toMatchObject({ 'authentication.memberId': '10501', paymentType: 'DL' });
    expect(wire.body['authentication.checksum']).toBe(opensslMd5(`${VECTOR_MERCHANT.memberId}|${VECTOR_MERCHANT.secureKey}|${saved.token}`));
    expect(h.sandbox.state.registrations.has(saved.token)).toBe(false);
    const charge = { reference: ref('after'), amount: money(100n, 'EUR'), capture: true, source: { type: 'token' as const, token: saved.token }, returnUrl: `${h.listener.url}/r`, notificationUrl: `${h.listener.url}/n` };
    await expect(h.provider.payments.pay(charge)).rejects.toMatchObject({ kind: 'final', code: '10026' });
  });

  it('the sandbox deletes a registration under the vector openssl computed (memberId|secureKey|registrationId)', async () => {
    const token = '5f2b9c1e4a7d8e3f6b0a1c2d3e4f5a6b'; // test/vectors/cardgateway.json deleteRegistration
    h.sandbox.state.registrations.set(token, { registrationId: token, memberId: '10501', pan: '4111111111111111', expiryMonth: '12', expiryYear: year });
    const answer = await rawCall(h, `/paywithtoken/${token}`, { 'authentication.checksum': '00aebe8506e168365ec7a99c7fd219f1', paymentType: 'DL' });
    expect(answer).toMatchObject({ status: 200, body: { id: token, result: { code: '00001' } } });
    expect(h.sandbox.state.registrations.has(token)).toBe(false);
  });

  it('the sandbox refuses a deletion with a wrong checksum and of an unknown registration', async () => {
    const saved = await h.provider.savedMethods!.tokenize({ reference: ref('reg'), card: card() });
    const forged = await rawCall(h, `/paywithtoken/${saved.token}`, { 'authentication.checksum': opensslMd5(`${VECTOR_MERCHANT.memberId}|wrong|${saved.token}`), paymentType: 'DL' });
    expect(forged).toMatchObject({ status: 400, body: { result: { code: '30002' } } });
    expect(h.sandbox.state.registrations.has(saved.token)).toBe(true);
    const unknown = await rawCall(h, '/paywithtoken/0123456789abcdef0123456789abcdef', { 'authentication.checksum': opensslMd5(`${VECTOR_MERCHANT.memberId}|${VECTOR_MERCHANT.secureKey}|0123456789abcdef0123456789abcdef`), paymentType: 'DL' });
    expect(unknown).toMatchObject({ status: 404, body: { result: { code: '10026' } } });
  });
});

describe('issue 8: removePaymentMethod forgets a card gateway card at the provider', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(() => f?.t.close());

  it('sends the deletion for the saved card and the platform no longer holds it', async () => {
    const created = await f.gql(`mutation($input: CreatePaymentMethodInput!) { createPaymentMethod(input: $input) { paymentMethod { id } userErrors { code } } }`, {
      input: { provider: 'cardgateway', card: gqlCard('4111111111111111') },
    });
    const id = created.data!.createPaymentMethod.paymentMethod.id;
    const registrations = f.sandbox.state.registrations;
    const before = new Set(registrations.keys());
    expect(before.size).toBeGreaterThan(0);
    const removed = await f.gql(`mutation($input: RemovePaymentMethodInput!) { removePaymentMethod(input: $input) { paymentMethod { status } userErrors { code } } }`, { input: { paymentMethodId: id } });
    expect(removed.data!.removePaymentMethod).toMatchObject({ userErrors: [], paymentMethod: { status: 'REMOVED' } });
    const deletion = (await sandboxRequests(f.sandbox)).filter((r) => r.path.includes('/paywithtoken/')).at(-1);
    expect(deletion).toBeDefined();
    expect(deletion!.body).toMatchObject({ paymentType: 'DL' });
    const token = deletion!.path.split('/').at(-1)!;
    expect(before.has(token)).toBe(true);
    expect(registrations.has(token)).toBe(false);
  });
});
