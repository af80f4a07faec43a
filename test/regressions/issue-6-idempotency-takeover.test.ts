import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { idOf } from '../../src/graphql/common/global-id';
import { PAY, card, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';
import { PgSession, sleep, until } from '../support/pg-session';

const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { code } } }`;
const TAKEOVER_AFTER_MS = 1_500;

/**
 * Issue 6, item 4: "One idempotency key, two charges". An IN_PROGRESS claim was taken over after the
 * takeover age while its owner was alive but slow (here: waiting for the order's row lock), and the owner
 * never re-checked that it still held the key before calling the provider.
 */
describe('issue 6 (4): a slow owner and a retry of the same key charge the card at most once', () => {
  let f: PaymentsFixture;
  let other: PgSession;
  let n = 0;
  beforeAll(async () => {
    f = await startPaymentsFixture({
      IDEMPOTENCY_TAKEOVER_AFTER_MS: String(TAKEOVER_AFTER_MS),
      PAYMENT_DB_LOCK_TIMEOUT_MS: '600',
      PAYMENT_DB_STATEMENT_TIMEOUT_MS: '700',
    });
    other = await PgSession.open(f.t.running.deps.config.database.url!);
  });
  afterAll(async () => {
    await other?.close();
    await f?.t.close();
  });

  async function order(amount = '10.00'): Promise<string> {
    const res = await f.gql(CREATE_ORDER, { input: { reference: `slow-owner-${++n}`, amount: { amount, currency: 'EUR' } } });
    return res.data!.createOrder.order.id;
  }
  const pay = (orderId: string, key: string) =>
    f.gql(PAY, { input: { provider: 'cardgateway', orderId, amount: { amount: '10.00', currency: 'EUR' }, source: { card: card() }, idempotencyKey: key } });
  const paymentRequests = async () => (await sandboxRequests(f.sandbox)).filter((r) => r.path.endsWith('/payments')).length;
  const lockWaiters = () => other.lockWaiters();
  const lockOrder = (orderId: string) => other.lock(`select id from "order" where id = $1 for update`, [idOf(orderId, 'Order')]);
  const answer = (res: Awaited<ReturnType<typeof pay>>) => ({
    errors: res.errors?.map((e) => e.extensions?.code),
    transaction: res.data?.pay?.transaction ? { id: res.data.pay.transaction.id, status: res.data.pay.transaction.status } : null,
    userErrors: res.data?.pay?.userErrors?.map((e: { code: string }) => e.code),
  });

  it('answers both requests alike while the order stays locked past the takeover age, and the key then charges exactly once', async () => {
    const orderId = await order();
    const before = await paymentRequests();
    await lockOrder(orderId);
    let first: Promise<Awaited<ReturnType<typeof pay>>>;
    let second: Awaited<ReturnType<typeof pay>>;
    try {
      first = pay(orderId, 'slow-owner-a');
      await until(async () => (await lockWaiters()) > 0, 'the first request to wait for the order lock');
      await sleep(TAKEOVER_AFTER_MS + 200);
      second = await pay(orderId, 'slow-owner-a');
    } finally {
      await other.release();
    }
    const firstAnswer = answer(await first);
    expect(answer(second)).toEqual(firstAnswer);
    expect(await paymentRequests()).toBe(before);

    const retry = await pay(orderId, 'slow-owner-a');
    expect(retry.data!.pay).toMatchObject({ userErrors: [], transaction: { status: 'SUCCEEDED' } });
    expect(await paymentRequests()).toBe(before + 1);
    expect(await f.t.em().count(Transaction, { order: idOf(orderId, 'Order') })).toBe(1);
  });

  it('never lets an owner whose claim was taken over call the provider: both answers name the one payment made', async () => {
    // Room for two payments, so only the key (not the order's balance) can stop a second charge.
    const orderId = await order('20.00');
    const before = await paymentRequests();
    await lockOrder(orderId);
    let first: Promise<Awaited<ReturnType<typeof pay>>>;
    let second: Promise<Awaited<ReturnType<typeof pay>>>;
    try {
      first = pay(orderId, 'slow-owner-b');
      await until(async () => (await lockWaiters()) === 1, 'the first request to wait for the order lock');
      // The owner looks dead (its claim is older than the takeover age) though it is only waiting.
      await f.t.em().execute(`update idempotency_record set locked_at = now() - interval '1 hour' where key = 'slow-owner-b'`);
      second = pay(orderId, 'slow-owner-b');
      await until(async () => (await lockWaiters()) === 2, 'the retry to take the key over and wait for the order lock');
    } finally {
      await other.release();
    }
    const [a, b] = [answer(await first), answer(await second)];
    expect(a).toEqual(b);
    expect(a.transaction).toMatchObject({ status: 'SUCCEEDED' });
    expect(await paymentRequests()).toBe(before + 1);
    expect(await f.t.em().count(Transaction, { order: idOf(orderId, 'Order') })).toBe(1);
  });
});
