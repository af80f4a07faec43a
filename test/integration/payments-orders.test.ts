import { Order, OrderStatus } from '../../src/domain/orders/order.entity';
import { ProviderEvent } from '../../src/domain/provider-events/provider-event.entity';
import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { idOf } from '../../src/graphql/common/global-id';
import { CANCEL, CAPTURE, PAY, REFUND, card, chargesAt, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id status } userErrors { code } } }`;
const ORDER = `query($id: ID!) { node(id: $id) { ... on Order { status amount { amount } } } }`;
const SLOW_CARD = '4000000000000077';
const DECLINED_CARD = '4000000000000002';
const THREE_DS_CARD = '4000000000003220';

describe('payments: order settlement and balance', () => {
  let f: PaymentsFixture;
  let n = 0;
  beforeAll(async () => {
    f = await startPaymentsFixture({ PROVIDER_TIMEOUT_MS: '400', RECONCILE_AFTER_MS: '0' });
    f.sandbox.state.knobs.slowCardDelayMs = 1_500;
  });
  afterAll(() => f?.t.close());

  async function order(amount: string): Promise<string> {
    const res = await f.gql(CREATE_ORDER, { input: { reference: `ord-${++n}`, amount: { amount, currency: 'EUR' } } });
    expect(res.data!.createOrder.order.status).toBe('OPEN');
    return res.data!.createOrder.order.id;
  }
  const status = async (orderId: string) => (await f.gql(ORDER, { id: orderId })).data!.node.status as string;
  const pay = (orderId: string, amount: string, extra: Record<string, unknown> = {}) =>
    f.gql(PAY, { input: { provider: 'cardgateway', orderId, amount: { amount, currency: 'EUR' }, source: { card: card() }, ...extra } });
  const sent = async () => (await sandboxRequests(f.sandbox)).length;
  const paymentsOf = (orderId: string) => f.t.em().count(Transaction, { order: idOf(orderId, 'Order') });

  it('moves an order from OPEN to PARTIALLY_PAID to PAID as its sales succeed', async () => {
    const id = await order('100.00');
    expect((await pay(id, '30.00')).data!.pay.transaction.status).toBe('SUCCEEDED');
    expect(await status(id)).toBe('PARTIALLY_PAID');
    expect((await pay(id, '70.00')).data!.pay.transaction.status).toBe('SUCCEEDED');
    expect(await status(id)).toBe('PAID');
  });

  it('leaves an order OPEN while authorized, PARTIALLY_PAID after a partial capture, whose uncaptured rest can be paid again', async () => {
    const id = await order('100.00');
    const auth = (await pay(id, '100.00', { captureLater: true })).data!.pay.transaction;
    expect(auth.status).toBe('AUTHORIZED');
    expect(await status(id)).toBe('OPEN');
    const captured = await f.gql(CAPTURE, { input: { transactionId: auth.id, amount: { amount: '60.00', currency: 'EUR' } } });
    expect(captured.data!.capturePayment.transaction).toMatchObject({ status: 'SUCCEEDED', capturedAmount: { amount: '60.00' } });
    expect(await status(id)).toBe('PARTIALLY_PAID');
    const rest = await pay(id, '40.00');
    expect(rest.data!.pay).toMatchObject({ userErrors: [], transaction: { status: 'SUCCEEDED' } });
    expect(await status(id)).toBe('PAID');
  });

  it('marks an order PAID when its whole authorization is captured', async () => {
    const id = await order('45.50');
    const auth = (await pay(id, '45.50', { captureLater: true })).data!.pay.transaction;
    const captured = await f.gql(CAPTURE, { input: { transactionId: auth.id } });
    expect(captured.data!.capturePayment.transaction.status).toBe('SUCCEEDED');
    expect(await status(id)).toBe('PAID');
  });

  it('refuses a payment above what remains on the order with AMOUNT_EXCEEDS_ORDER_BALANCE, writing and sending nothing', async () => {
    const id = await order('50.00');
    await pay(id, '20.00');
    const before = await sent();
    const res = await pay(id, '30.01');
    expect(res.data!.pay).toMatchObject({ transaction: null, userErrors: [{ code: 'AMOUNT_EXCEEDS_ORDER_BALANCE', field: ['input', 'amount', 'amount'] }] });
    expect(res.data!.pay.userErrors[0].message).toContain('30.00 EUR');
    expect(await sent()).toBe(before);
    expect(await paymentsOf(id)).toBe(1);
    expect(await status(id)).toBe('PARTIALLY_PAID');
  });

  it('counts an uncaptured authorization as taken, and frees it when the authorization is voided', async () => {
    const id = await order('100.00');
    const auth = (await pay(id, '70.00', { captureLater: true })).data!.pay.transaction;
    expect((await pay(id, '40.00')).data!.pay.userErrors[0].code).toBe('AMOUNT_EXCEEDS_ORDER_BALANCE');
    expect((await f.gql(CANCEL, { input: { transactionId: auth.id } })).data!.cancelPayment.transaction.status).toBe('CANCELLED');
    expect((await pay(id, '100.00')).data!.pay).toMatchObject({ userErrors: [], transaction: { status: 'SUCCEEDED' } });
    expect(await status(id)).toBe('PAID');
  });

  it('does not count a declined payment against the order', async () => {
    const id = await order('25.00');
    const declined = await pay(id, '25.00', { source: { card: card(DECLINED_CARD) } });
    expect(declined.data!.pay.transaction.status).toBe('DECLINED');
    expect(await status(id)).toBe('OPEN');
    expect((await pay(id, '25.00')).data!.pay.transaction.status).toBe('SUCCEEDED');
    expect(await status(id)).toBe('PAID');
  });

  it('keeps a refunded order PAID (refunds do not reopen it) and refuses further payments for it', async () => {
    const id = await order('80.00');
    const sale = (await pay(id, '80.00')).data!.pay.transaction;
    const refund = await f.gql(REFUND, { input: { transactionId: sale.id } });
    expect(refund.data!.refundPayment.refund.status).toBe('SUCCEEDED');
    expect(await status(id)).toBe('PAID');
    const before = await sent();
    expect((await pay(id, '1.00')).data!.pay.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', field: ['input', 'orderId'] })]);
    expect(await sent()).toBe(before);
  });

  it('refuses payments for a cancelled order and sends nothing', async () => {
    const id = await order('10.00');
    // No mutation cancels orders yet; the row is set the way an order service would.
    await f.t.em().nativeUpdate(Order, { id: idOf(id, 'Order') }, { status: OrderStatus.CANCELLED });
    const before = await sent();
    const res = await pay(id, '10.00');
    expect(res.data!.pay).toMatchObject({ transaction: null, userErrors: [{ code: 'INVALID_STATE', field: ['input', 'orderId'] }] });
    expect(res.data!.pay.userErrors[0].message).toContain('cancelled');
    expect(await sent()).toBe(before);
    expect(await paymentsOf(id)).toBe(0);
  });

  it('lets only one of two concurrent payments through when together they exceed the order', async () => {
    const id = await order('100.00');
    let release!: () => void;
    let held!: () => void;
    const lockHeld = new Promise<void>((resolve) => (held = resolve));
    // Both requests queue behind this lock, so their balance checks overlap in time unless the order row serializes them.
    const locker = f.t.em().transactional(async (tx) => {
      await tx.execute('select id from "order" where id = ? for update', [idOf(id, 'Order')]);
      held();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await lockHeld;
    const both = Promise.all([pay(id, '60.00', { idempotencyKey: 'race-a' }), pay(id, '60.00', { idempotencyKey: 'race-b' })]);
    await until(async () => (await lockWaiters()) >= 2);
    release();
    await locker;
    const results = (await both).map((r) => r.data!.pay);
    const codes = results.map((p) => p.userErrors[0]?.code ?? p.transaction.status).sort();
    expect(codes).toEqual(['AMOUNT_EXCEEDS_ORDER_BALANCE', 'SUCCEEDED']);
    expect(await paymentsOf(id)).toBe(1);
    expect(await status(id)).toBe('PARTIALLY_PAID');
  });

  it('counts an OUTCOME_UNKNOWN payment as taken and settles the order when the reconciler learns it succeeded', async () => {
    const id = await order('19.99');
    const first = (await pay(id, '19.99', { source: { card: card(SLOW_CARD) } })).data!.pay.transaction;
    expect(first.status).toBe('OUTCOME_UNKNOWN');
    expect((await pay(id, '0.01')).data!.pay.userErrors[0].code).toBe('AMOUNT_EXCEEDS_ORDER_BALANCE');
    expect(await status(id)).toBe('OPEN');
    await new Promise((r) => setTimeout(r, 1_300));
    await f.t.running.reconciler.runOnce();
    expect(await status(id)).toBe('PAID');
    expect(await chargesAt(f.sandbox, first.reference)).toBe(1);
  });

  it('marks an order PAID when a 3-D Secure payment for it is settled by the provider\'s signed callback', async () => {
    const id = await order('42.00');
    const txn = (await pay(id, '42.00', { source: { card: card(THREE_DS_CARD) }, returnUrl: 'https://shop.example/back' })).data!.pay.transaction;
    expect(txn.status).toBe('REQUIRES_ACTION');
    expect(await status(id)).toBe('OPEN');
    await authenticate(txn.nextAction.url);
    await until(async () => (await status(id)) === 'PAID');
    // The inbox marks the event processed after the settlement it applied commits, so give it that moment.
    await until(async () => (await f.t.em().count(ProviderEvent, { processedAt: { $ne: null } })) >= 1);
  });

  async function lockWaiters(): Promise<number> {
    const rows = await f.t.em().execute<{ n: string }[]>(
      `select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    return Number(rows[0].n);
  }
});

/** What the customer's browser does on the sandbox's ACS page: press "Complete authentication". */
async function authenticate(redirectUrl: string): Promise<void> {
  const page = await (await fetch(redirectUrl)).text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)![1];
  const key = /name="key" value="([^"]+)"/.exec(page)![1];
  const body = new URLSearchParams({ key, outcome: 'authenticate' }).toString();
  await (await fetch(new URL(action, redirectUrl), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })).text();
}

async function until(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}
