import { PAY, card, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

const PAYOUT = `mutation($input: CreatePayoutInput!) { createPayout(input: $input) {
  payout { id status amount { amount currency } reference providerTransactionId failureCode failureReason } userErrors { code field message } } }`;
const CREATE_METHOD = `mutation($input: CreatePaymentMethodInput!) { createPaymentMethod(input: $input) {
  paymentMethod { id provider type status brand first6 last4 expMonth expYear } transaction { id status capturedAmount { amount } }
  userErrors { code field message } } }`;
const REMOVE_METHOD = `mutation($input: RemovePaymentMethodInput!) { removePaymentMethod(input: $input) {
  paymentMethod { id status removedAt } userErrors { code field message } } }`;

describe('payments: saved cards and payouts', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(() => f?.t.close());

  const eur = (amount: string) => ({ amount, currency: 'EUR' });

  it('pays out to a card and shows the payout SUCCEEDED with the provider id', async () => {
    const res = await f.gql(PAYOUT, { input: { provider: 'cardgateway', amount: eur('75.00'), destination: { card: card() } } });
    expect(res.data!.createPayout).toMatchObject({ userErrors: [], payout: { status: 'SUCCEEDED', amount: { amount: '75.00', currency: 'EUR' } } });
    expect(res.data!.createPayout.payout.providerTransactionId).toEqual(expect.any(String));
  });

  it('returns a declined payout as DECLINED with the provider code and reason', async () => {
    const res = await f.gql(PAYOUT, { input: { provider: 'cardgateway', amount: eur('75.00'), destination: { card: card('4000000000009995') } } });
    expect(res.data!.createPayout).toMatchObject({ userErrors: [], payout: { status: 'DECLINED', failureCode: '11051' } });
    expect(res.data!.createPayout.payout.failureReason).toMatch(/insufficient funds/i);
  });

  it('saves a card during a sale and charges it again by its token, without sending the card number', async () => {
    const first = await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('12.00'), source: { card: card('5555555555554444') }, saveMethod: true } });
    expect(first.data!.pay.transaction.status).toBe('SUCCEEDED');
    const methodId = first.data!.pay.paymentMethod.id;
    const before = (await sandboxRequests(f.sandbox)).length;
    const repeat = await f.gql(PAY, { input: { amount: eur('8.50'), source: { paymentMethodId: methodId } } });
    expect(repeat.data!.pay).toMatchObject({ userErrors: [], transaction: { status: 'SUCCEEDED', capturedAmount: { amount: '8.50' } } });
    const sent = (await sandboxRequests(f.sandbox)).slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => !('card.number' in r.body))).toBe(true);
  });

  it('tokenizes a card on its own, keeping only brand, first six, last four and expiry', async () => {
    const res = await f.gql(CREATE_METHOD, { input: { provider: 'cardgateway', card: card('4111111111111111', { expMonth: 7, expYear: 2031 }) } });
    expect(res.data!.createPaymentMethod).toMatchObject({
      userErrors: [],
      transaction: null,
      paymentMethod: { provider: 'cardgateway', type: 'CARD', status: 'ACTIVE', brand: 'VISA', first6: '411111', last4: '1111', expMonth: 7, expYear: 2031 },
    });
    const pay = await f.gql(PAY, { input: { amount: eur('3.00'), source: { paymentMethodId: res.data!.createPaymentMethod.paymentMethod.id } } });
    expect(pay.data!.pay.transaction.status).toBe('SUCCEEDED');
  });

  it('tokenizes and charges in one step', async () => {
    const res = await f.gql(CREATE_METHOD, { input: { provider: 'cardgateway', card: card(), charge: { amount: eur('9.99') } } });
    expect(res.data!.createPaymentMethod).toMatchObject({ userErrors: [], transaction: { status: 'SUCCEEDED', capturedAmount: { amount: '9.99' } }, paymentMethod: { status: 'ACTIVE' } });
  });

  it('refuses to pay with a removed card', async () => {
    const created = await f.gql(CREATE_METHOD, { input: { provider: 'cardgateway', card: card() } });
    const id = created.data!.createPaymentMethod.paymentMethod.id;
    const removed = await f.gql(REMOVE_METHOD, { input: { paymentMethodId: id } });
    expect(removed.data!.removePaymentMethod).toMatchObject({ userErrors: [], paymentMethod: { id, status: 'REMOVED' } });
    const pay = await f.gql(PAY, { input: { amount: eur('1.00'), source: { paymentMethodId: id } } });
    expect(pay.data!.pay).toMatchObject({ transaction: null, userErrors: [{ code: 'INVALID_STATE', field: ['input', 'source', 'paymentMethodId'] }] });
  });
});
