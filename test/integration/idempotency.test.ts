import { Customer } from '../../src/domain/customers/customer.entity';
import { IdempotencyRecord } from '../../src/domain/idempotency/idempotency-record.entity';
import { Order } from '../../src/domain/orders/order.entity';
import { Scope, TestApp, type TestSite } from '../support/app';

const CREATE_CUSTOMER = `mutation ($input: CreateCustomerInput!) {
  createCustomer(input: $input) { customer { id email } userErrors { code field message } replayed }
}`;
const CREATE_ORDER = `mutation ($input: CreateOrderInput!) {
  createOrder(input: $input) { order { id reference amount { amountMinor } } userErrors { code field message } replayed }
}`;

const CANCEL_PAYMENT = `mutation ($input: CancelPaymentInput!) {
  cancelPayment(input: $input) { transaction { id } userErrors { code field message } replayed }
}`;

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('idempotency keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t?.close());

  const customersOf = (site: TestSite) => t.em().count(Customer, { site: site.site.id });
  const ordersOf = (site: TestSite) => t.em().find(Order, { site: site.site.id });
  const record = (key: string) => t.em().findOne(IdempotencyRecord, { key });

  it('returns the stored response for a retry with the same key and input, and writes no second row', async () => {
    const m = await t.merchant();
    const input = { email: 'once@example.com', idempotencyKey: 'retry-1' };
    const first = await t.gql(CREATE_CUSTOMER, { input }, { key: m.key });
    const second = await t.gql(CREATE_CUSTOMER, { input }, { key: m.key });
    expect(first.data?.createCustomer).toMatchObject({ replayed: false, userErrors: [] });
    expect(second.data?.createCustomer).toEqual({ ...first.data?.createCustomer, replayed: true });
    expect(await customersOf(m)).toBe(1);
  });

  it('refuses the same key with a different input as IDEMPOTENCY_KEY_REUSED and writes nothing', async () => {
    const m = await t.merchant();
    const order = (amount: string) => ({ reference: 'R1', amount: { amount, currency: 'EUR' }, idempotencyKey: 'order-key' });
    await t.gql(CREATE_ORDER, { input: order('10.00') }, { key: m.key });
    const reused = await t.gql(CREATE_ORDER, { input: order('99.00') }, { key: m.key });
    expect(reused.data?.createOrder).toMatchObject({ order: null, replayed: false, userErrors: [{ code: 'IDEMPOTENCY_KEY_REUSED' }] });
    const otherOperation = await t.gql(CREATE_CUSTOMER, { input: { email: 'x@example.com', idempotencyKey: 'order-key' } }, { key: m.key });
    expect(otherOperation.data?.createCustomer.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await ordersOf(m)).map((o) => BigInt(o.amountMinor))).toEqual([1000n]);
    expect(await customersOf(m)).toBe(0);
  });

  it('runs exactly one of two concurrent requests with the same key and tells the other it is in progress', async () => {
    const m = await t.merchant();
    const input = { email: 'race@example.com', idempotencyKey: 'concurrent' };
    let unlock!: () => void;
    let locked!: () => void;
    const lockHeld = new Promise<void>((resolve) => (locked = resolve));
    // Holding this lock makes the first request block inside its transaction, after its claim committed.
    const locker = t.em().transactional(async (tx) => {
      await tx.execute('lock table customer in exclusive mode');
      locked();
      await new Promise<void>((resolve) => (unlock = resolve));
    });
    await lockHeld;
    const first = t.gql(CREATE_CUSTOMER, { input }, { key: m.key });
    await until(async () => (await record('concurrent')) !== null, 'the first request to claim the key');
    const second = await t.gql(CREATE_CUSTOMER, { input }, { key: m.key });
    expect(second.data?.createCustomer).toMatchObject({
      customer: null,
      userErrors: [{ code: 'IDEMPOTENCY_KEY_IN_PROGRESS', field: ['idempotencyKey'] }],
    });
    unlock();
    await locker;
    expect((await first).data?.createCustomer).toMatchObject({ replayed: false, userErrors: [], customer: { email: 'race@example.com' } });
    const third = await t.gql(CREATE_CUSTOMER, { input }, { key: m.key });
    expect(third.data?.createCustomer.replayed).toBe(true);
    expect(await customersOf(m)).toBe(1);
  });

  it('takes the Idempotency-Key header when the input has no key, and prefers the input key', async () => {
    const m = await t.merchant();
    const headers = { 'idempotency-key': 'from-header' };
    const first = await t.gql(CREATE_CUSTOMER, { input: { email: 'h@example.com' } }, { key: m.key, headers });
    const retry = await t.gql(CREATE_CUSTOMER, { input: { email: 'h@example.com' } }, { key: m.key, headers });
    expect(retry.data?.createCustomer).toEqual({ ...first.data?.createCustomer, replayed: true });
    const inputWins = await t.gql(CREATE_CUSTOMER, { input: { email: 'i@example.com', idempotencyKey: 'from-input' } }, { key: m.key, headers });
    expect(inputWins.data?.createCustomer).toMatchObject({ replayed: false, userErrors: [] });
    expect(await customersOf(m)).toBe(2);
  });

  it('executes every request when no key is given', async () => {
    const m = await t.merchant();
    for (let i = 0; i < 2; i++) await t.gql(CREATE_CUSTOMER, { input: { email: 'same@example.com' } }, { key: m.key });
    expect(await customersOf(m)).toBe(2);
  });

  it('keeps keys per caller, so another site and a partner acting for the site can use the same key', async () => {
    const a = await t.merchant();
    const b = await t.merchant();
    const p = await t.partner();
    await t.sites().grantPartner(a.site, p.site, [Scope.PAY]);
    const input = { email: 'shared@example.com', idempotencyKey: 'shared-key' };
    const results = [
      await t.gql(CREATE_CUSTOMER, { input }, { key: a.key }),
      await t.gql(CREATE_CUSTOMER, { input }, { key: b.key }),
      await t.gql(CREATE_CUSTOMER, { input }, { key: p.key, actingSite: a.site.id }),
    ];
    expect(results.map((r) => r.data?.createCustomer.replayed)).toEqual([false, false, false]);
    expect([await customersOf(a), await customersOf(b)]).toEqual([2, 1]);
  });

  it('keeps a key for at least 24 hours, and accepts it again once it has expired', async () => {
    const m = await t.merchant();
    await t.gql(CREATE_CUSTOMER, { input: { email: 'old@example.com', idempotencyKey: 'expiring' } }, { key: m.key });
    const stored = await record('expiring');
    expect(stored!.expiresAt.getTime() - stored!.createdAt.getTime()).toBeGreaterThanOrEqual(24 * 3600 * 1000);
    await t.em().execute(`update idempotency_record set expires_at = now() - interval '1 second' where key = 'expiring'`);
    const reused = await t.gql(CREATE_CUSTOMER, { input: { email: 'new@example.com', idempotencyKey: 'expiring' } }, { key: m.key });
    expect(reused.data?.createCustomer).toMatchObject({ replayed: false, userErrors: [], customer: { email: 'new@example.com' } });
    expect(await customersOf(m)).toBe(2);
  });

  it('releases the key of a request that failed with a userError, so the corrected request can use it', async () => {
    const m = await t.merchant();
    await t.gql(CREATE_ORDER, { input: { reference: 'taken', amount: { amount: '1.00', currency: 'EUR' } } }, { key: m.key });
    const input = { reference: 'taken', amount: { amount: '2.00', currency: 'EUR' }, idempotencyKey: 'fix-me' };
    const failed = await t.gql(CREATE_ORDER, { input }, { key: m.key });
    expect(failed.data?.createOrder.userErrors[0].code).toBe('DUPLICATE_REFERENCE');
    expect(await record('fix-me')).toBeNull();
    const fixed = await t.gql(CREATE_ORDER, { input: { ...input, reference: 'free' } }, { key: m.key });
    expect(fixed.data?.createOrder).toMatchObject({ replayed: false, userErrors: [], order: { reference: 'free', amount: { amountMinor: '200' } } });
    expect((await ordersOf(m)).map((o) => o.reference).sort()).toEqual(['free', 'taken']);
  });

  it('lets a retry take over a claim left behind by a process that died a minute ago', async () => {
    const m = await t.merchant();
    const input = { email: 'crash@example.com', idempotencyKey: 'orphan' };
    await t.gql(CREATE_CUSTOMER, { input }, { key: m.key });
    // Rewind to what a crash before commit leaves: the claim, still in progress, and no customer.
    await t.em().execute(`delete from customer where site_id = ?`, [m.site.id]);
    await t.em().execute(
      `update idempotency_record set state = 'IN_PROGRESS', response = null, locked_at = now() - interval '61 seconds' where key = 'orphan'`,
    );
    const retry = await t.gql(CREATE_CUSTOMER, { input }, { key: m.key });
    expect(retry.data?.createCustomer).toMatchObject({ replayed: false, userErrors: [], customer: { email: 'crash@example.com' } });
    expect(await customersOf(m)).toBe(1);
  });

  it('refuses an idempotency key that is empty, too long or has spaces', async () => {
    const m = await t.merchant();
    for (const idempotencyKey of ['', 'k'.repeat(256), 'has space']) {
      const res = await t.gql(CREATE_CUSTOMER, { input: { email: 'k@example.com', idempotencyKey } }, { key: m.key });
      expect(res.data?.createCustomer.userErrors).toContainEqual(expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'idempotencyKey'] }));
    }
    const header = await t.gql(CREATE_CUSTOMER, { input: { email: 'k@example.com' } }, { key: m.key, headers: { 'idempotency-key': 'k'.repeat(256) } });
    expect(header.data?.createCustomer.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_IDEMPOTENCY_KEY' })]);
    expect(await customersOf(m)).toBe(0);
  });

  it('refuses a bad Idempotency-Key header on payment mutations too, before looking anything up', async () => {
    const m = await t.merchant();
    const transactionId = Buffer.from('Transaction:00000000-0000-4000-8000-000000000000').toString('base64url');
    const headers = { 'idempotency-key': 'has space' };
    const res = await t.gql(CANCEL_PAYMENT, { input: { transactionId } }, { key: m.key, headers });
    expect(res.data?.cancelPayment.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_IDEMPOTENCY_KEY' })]);
    expect(await record('has space')).toBeNull();
  });
});
