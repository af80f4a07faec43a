import { randomBytes } from 'node:crypto';
import { CANCEL, PAY, TRANSACTION, card, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

const THREE_DS_CARD = '4000000000003220';
const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Issue 6, items 5 and 6: a payment waiting for the customer (3-D Secure) that the customer abandons. */
describe('issue 6: payments waiting for the customer', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture({ RECONCILE_AFTER_MS: '0', CUSTOMER_ACTION_EXPIRY_MS: '1500' });
    f.sandbox.state.knobs.sendCallbacks = false;
  });
  afterAll(() => f?.t.close());

  /** Status queries the sandbox received about this payment (by its paymentId or by our reference). */
  const inquiries = async (txn: { reference: string; providerTransactionId?: string }) =>
    (await sandboxRequests(f.sandbox)).filter((r) => r.body.paymentType === 'IN' && [txn.reference, txn.providerTransactionId].some((id) => id && r.path.includes(id))).length;
  const newOrder = async (amount: string) =>
    (await f.gql(CREATE_ORDER, { input: { reference: `o-${randomBytes(4).toString('hex')}`, amount: { amount, currency: 'EUR' } } })).data!.createOrder.order.id as string;
  const pay3ds = async (orderId?: string, amount = '42.00') => {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', orderId, amount: { amount, currency: 'EUR' }, source: { card: card(THREE_DS_CARD) }, returnUrl: 'https://shop.example/back' } });
    expect(res.data!.pay.transaction.status).toBe('REQUIRES_ACTION');
    return res.data!.pay.transaction as { id: string; reference: string; providerTransactionId?: string; nextAction: { __typename: string; url: string } };
  };

  it('keeps REQUIRES_ACTION and its redirect when the status query answers that the customer has not finished', async () => {
    const txn = await pay3ds();
    await f.t.running.reconciler.runOnce();
    expect(await inquiries(txn)).toBeGreaterThanOrEqual(1);
    const node = (await f.gql(TRANSACTION, { id: txn.id })).data!.node;
    expect(node.status).toBe('REQUIRES_ACTION');
    expect(node.nextAction).toMatchObject({ __typename: 'RedirectAction', url: txn.nextAction.url });
  });

  it('cancels an abandoned 3-D Secure payment on request after asking the provider, and releases its order balance', async () => {
    const order = await newOrder('42.00');
    const txn = await pay3ds(order);
    const refused = await f.gql(PAY, { input: { provider: 'cardgateway', orderId: order, amount: { amount: '42.00', currency: 'EUR' }, source: { card: card() } } });
    expect(refused.data!.pay.userErrors[0].code).toBe('AMOUNT_EXCEEDS_ORDER_BALANCE');

    const cancelled = await f.gql(CANCEL, { input: { transactionId: txn.id } });
    expect(cancelled.data!.cancelPayment).toMatchObject({ userErrors: [], transaction: { status: 'CANCELLED', nextAction: null } });
    expect(await inquiries(txn)).toBeGreaterThanOrEqual(1);

    const second = await f.gql(PAY, { input: { provider: 'cardgateway', orderId: order, amount: { amount: '42.00', currency: 'EUR' }, source: { card: card() } } });
    expect(second.data!.pay).toMatchObject({ userErrors: [], transaction: { status: 'SUCCEEDED' } });
  });

  it('expires a payment left waiting for the customer after the configured time, once a last status query says nothing happened', async () => {
    const order = await newOrder('10.00');
    const txn = await pay3ds(order, '10.00');
    await sleep(1_700);
    await f.t.running.reconciler.runOnce();
    const node = (await f.gql(TRANSACTION, { id: txn.id })).data!.node;
    expect(node).toMatchObject({ status: 'FAILED', declineCode: 'CUSTOMER_ACTION_EXPIRED', nextAction: null });
    expect(await inquiries(txn)).toBeGreaterThanOrEqual(1);
    const again = await f.gql(PAY, { input: { provider: 'cardgateway', orderId: order, amount: { amount: '10.00', currency: 'EUR' }, source: { card: card() } } });
    expect(again.data!.pay.userErrors).toEqual([]);
  });
});
