import { PAY, card, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

const CARD_OF = `query($id: ID!) { node(id: $id) { ... on Transaction { card { brand last4 expMonth expYear } } } }`;
const CREATE_METHOD = `mutation($input: CreatePaymentMethodInput!) { createPaymentMethod(input: $input) {
  paymentMethod { id } transaction { id } userErrors { code } } }`;

describe('issue 12 item 5: the card used, on every card transaction', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  }, 60_000);
  afterAll(() => f?.t.close());

  const eur = (amount: string) => ({ amount, currency: 'EUR' });
  const cardOf = async (id: string) => (await f.gql(CARD_OF, { id })).data!.node.card;

  it('shows brand, last four and expiry of a card given to pay, and of a saved card paid with, and never more', async () => {
    const paid = await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('12.00'), source: { card: card('5555555555554444', { expMonth: 4, expYear: 2031 }) }, saveMethod: true } });
    expect(paid.data!.pay.userErrors).toEqual([]);
    expect(await cardOf(paid.data!.pay.transaction.id)).toEqual({ brand: 'MASTERCARD', last4: '4444', expMonth: 4, expYear: 2031 });
    const again = await f.gql(PAY, { input: { amount: eur('3.00'), source: { paymentMethodId: paid.data!.pay.paymentMethod.id } } });
    expect(await cardOf(again.data!.pay.transaction.id)).toEqual({ brand: 'MASTERCARD', last4: '4444', expMonth: 4, expYear: 2031 });
    const rows = await f.t.em().getConnection().execute<{ card: unknown }[]>(`select card from "transaction"`);
    expect(JSON.stringify(rows)).not.toContain('5555555555554444');
  });

  it('shows the card of a payment made while saving it (createPaymentMethod with a charge)', async () => {
    const res = await f.gql(CREATE_METHOD, { input: { provider: 'cardgateway', card: card('4111111111111111', { expMonth: 9, expYear: 2030 }), charge: { amount: eur('9.99') } } });
    expect(res.data!.createPaymentMethod.userErrors).toEqual([]);
    expect(await cardOf(res.data!.createPaymentMethod.transaction.id)).toEqual({ brand: 'VISA', last4: '1111', expMonth: 9, expYear: 2030 });
  });
});
