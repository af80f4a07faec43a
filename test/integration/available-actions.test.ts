import { CAPTURE, card, PAY, REFUND, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

/**
 * Issue 12 (5): what a client may do with a payment, without guessing — `availableActions` from the state
 * machine and the provider's capabilities (cardgateway: one capture, whole void, one refund), and
 * `capturableAmount`.
 */
const READ = `query($id: ID!) { node(id: $id) { ... on Transaction { status availableActions capturableAmount { amount } } } }`;
const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('Transaction.availableActions and capturableAmount', () => {
  let f: PaymentsFixture;
  beforeAll(async () => (f = await startPaymentsFixture()));
  afterAll(() => f?.t.close());
  const read = async (id: string) => (await f.gql(READ, { id })).data!.node;
  const pay = async (input: Record<string, unknown>) => (await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('30.00'), source: { card: card() }, ...input } })).data!.pay.transaction.id as string;

  it('offers capture and cancel on an authorization, then only refund once it is captured (cardgateway captures once)', async () => {
    const id = await pay({ captureLater: true });
    expect(await read(id)).toEqual({ status: 'AUTHORIZED', availableActions: ['CAPTURE', 'CANCEL'], capturableAmount: { amount: '30.00' } });
    await f.gql(CAPTURE, { input: { transactionId: id, amount: eur('10.00') } });
    expect(await read(id)).toEqual({ status: 'SUCCEEDED', availableActions: ['REFUND'], capturableAmount: { amount: '0.00' } });
  });

  it('offers a refund on a sale until it was refunded (cardgateway refunds a payment once)', async () => {
    const id = await pay({});
    expect(await read(id)).toMatchObject({ status: 'SUCCEEDED', availableActions: ['REFUND'] });
    await f.gql(REFUND, { input: { transactionId: id, amount: eur('5.00') } });
    expect((await read(id)).availableActions).toEqual([]);
  });

  it('offers nothing on a declined payment', async () => {
    const id = await pay({ source: { card: card('4000000000000002') } });
    expect(await read(id)).toEqual({ status: 'DECLINED', availableActions: [], capturableAmount: { amount: '0.00' } });
  });
});
