import { PAY, card, chargesAt, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

describe('payments: sales', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(() => f?.t.close());

  it('charges an approved card once and shows the sale as SUCCEEDED with everything captured', async () => {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '10.55', currency: 'EUR' }, source: { card: card() } } });
    expect(res.errors).toBeUndefined();
    const { transaction, userErrors } = res.data!.pay;
    expect(userErrors).toEqual([]);
    expect(transaction).toMatchObject({ status: 'SUCCEEDED', kind: 'SALE', amount: { amount: '10.55', currency: 'EUR' }, capturedAmount: { amount: '10.55' } });
    expect(transaction.providerTransactionId).toEqual(expect.any(String));
    expect(await chargesAt(f.sandbox, transaction.reference)).toBe(1);
  });

  it('returns a declined card as a DECLINED transaction with the provider code and reason, not as an error', async () => {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '5.00', currency: 'EUR' }, source: { card: card('4000000000009995') } } });
    const { transaction, userErrors } = res.data!.pay;
    expect(userErrors).toEqual([]);
    expect(transaction).toMatchObject({ status: 'DECLINED', declineCode: '11051', capturedAmount: { amount: '0.00' } });
    expect(transaction.declineReason).toMatch(/insufficient funds/i);
  });
});
