import { Customer } from '../../src/domain/customers/customer.entity';
import type { CurrencyCode } from '../../src/kernel/money';
import { PaymentMethod, PaymentMethodStatus } from '../../src/domain/payment-methods/payment-method.entity';
import { Site } from '../../src/domain/sites/site.entity';
import { TransactionKind } from '../../src/domain/transactions/transaction-status';
import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { toGlobalId } from '../../src/graphql/common/global-id';
import { Scope, TestApp, type TestSite } from '../support/app';
import { seedExtras, seedOrders, type SeededExtras, type SeededOrder } from '../support/read-seed';

const gid = toGlobalId;

describe('customer, payment method, transaction, refund, payout and scheduled payment queries', () => {
  let t: TestApp;
  let m: TestSite;
  let seeded: SeededOrder[];
  let x: SeededExtras;

  beforeAll(async () => {
    t = await TestApp.start();
    m = await t.merchant();
    seeded = await seedOrders(t.em(), m.site.id, 4, { prefix: 'shop' });
    x = await seedExtras(t.em(), m.site.id, seeded[0]);
  });
  afterAll(() => t?.close());

  async function data(query: string, variables?: Record<string, unknown>) {
    const res = await t.gql(query, variables, { key: m.key });
    expect(res.errors).toBeUndefined();
    return res.data!;
  }

  it('finds customers by email case-insensitively and exactly, by externalId, and by creation time', async () => {
    const q = `query($email: String, $ext: String, $after: DateTimeISO) { customers(email: $email, externalId: $ext, createdAfter: $after) { nodes { externalId } } }`;
    const ext = async (v: Record<string, unknown>) => (await data(q, v)).customers.nodes.map((n: { externalId: string }) => n.externalId);
    expect(await ext({ email: 'C2-SHOP@Example.com' })).toEqual(['shop-c2']);
    // A LIKE wildcard in the filter is a literal character, not a pattern.
    expect(await ext({ email: 'c%' })).toEqual([]);
    expect(await ext({ email: 'c_-shop@example.com' })).toEqual([]);
    expect(await ext({ ext: 'shop-c3' })).toEqual(['shop-c3']);
    expect(await ext({ after: seeded[1].customer.createdAt.toISOString() })).toEqual(['shop-c3', 'shop-c2']);
  });

  it("shows a customer's orders, saved methods, transactions, payouts and scheduled payments", async () => {
    const c = seeded[0];
    const d = await data(
      `query($id: ID!) { customer(id: $id) { externalId
        orders { nodes { reference } } paymentMethods { nodes { last4 expMonth expYear status type } }
        transactions { nodes { reference } } payouts { nodes { reference } } scheduledPayments { nodes { id } } } }`,
      { id: gid('Customer', c.customer.id) },
    );
    expect(d.customer).toEqual({
      externalId: 'shop-c0',
      orders: { nodes: [{ reference: c.order.reference }] },
      paymentMethods: {
        nodes: [
          { last4: '1111', expMonth: 12, expYear: 2030, status: 'ACTIVE', type: 'CARD' },
          { last4: '0002', expMonth: 12, expYear: 2030, status: 'ACTIVE', type: 'CARD' },
        ],
      },
      transactions: { nodes: [{ reference: c.transactions[1].reference }, { reference: c.transactions[0].reference }] },
      payouts: { nodes: [{ reference: x.payout.reference }] },
      scheduledPayments: { nodes: [{ id: gid('ScheduledPayment', x.scheduled.id) }] },
    });
  });

  it("keeps a customer's history from a key without the read scope, even through a mutation payload", async () => {
    const pay = await t.merchant([Scope.PAY], 'Pay only');
    const mine = (await t.gql('mutation { createCustomer(input: { externalId: "walk-in" }) { customer { id } } }', undefined, { key: pay.key })).data!;
    const res = await t.gql(
      `mutation($id: ID!) { updateCustomer(input: { id: $id, email: "w@example.com" }) {
        customer { email orders { nodes { id } } paymentMethods { nodes { id } } } userErrors { code } } }`,
      { id: mine.createCustomer.customer.id },
      { key: pay.key },
    );
    // What the mutation wrote comes back; only the history lists are refused, each at its own path.
    expect(res.data!.updateCustomer.customer).toEqual({ email: 'w@example.com', orders: null, paymentMethods: null });
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['updateCustomer.customer.orders', 'FORBIDDEN'],
      ['updateCustomer.customer.paymentMethods', 'FORBIDDEN'],
    ]);
    const plain = await t.gql('mutation($id: ID!) { updateCustomer(input: { id: $id, phone: "+1 555 0100" }) { customer { email } } }', { id: mine.createCustomer.customer.id }, { key: pay.key });
    expect(plain.errors).toBeUndefined();
    expect(plain.data!.updateCustomer.customer).toEqual({ email: 'w@example.com' });
  });

  it('filters saved methods by customer and status', async () => {
    const em = t.em();
    const owner = await em.findOneOrFail(Customer, seeded[1].customer.id);
    await em.nativeUpdate(PaymentMethod, { id: seeded[1].methods[0].id }, { status: PaymentMethodStatus.REMOVED, removedAt: new Date() });
    const q = `query($c: ID, $s: [PaymentMethodStatus!]) { paymentMethods(customerId: $c, status: $s) { nodes { id status removedAt customer { id } } } }`;
    const d = await data(q, { c: gid('Customer', owner.id), s: ['REMOVED'] });
    expect(d.paymentMethods.nodes).toEqual([
      { id: gid('PaymentMethod', seeded[1].methods[0].id), status: 'REMOVED', removedAt: expect.any(String), customer: { id: gid('Customer', owner.id) } },
    ]);
    expect((await data(q, { c: gid('Customer', owner.id), s: ['ACTIVE'] })).paymentMethods.nodes).toHaveLength(1);
    expect((await data(q, {})).paymentMethods.nodes).toHaveLength(8);
  });

  it('filters transactions by status, kind, provider, order, customer, payment method and reference', async () => {
    const refs = async (args: string, v: Record<string, unknown> = {}) =>
      (await data(`query${'id' in v ? '($id: ID)' : ''} { transactions(first: 100, ${args}) { nodes { reference } } }`, v)).transactions.nodes.map((n: { reference: string }) => n.reference);
    const all = seeded.flatMap((s) => s.transactions.map((tx) => tx.reference));
    expect((await refs('status: [DECLINED]')).sort()).toEqual(seeded.map((s) => s.transactions[0].reference).sort());
    expect(await refs('kind: [AUTHORIZATION]')).toEqual([]);
    expect(await refs('kind: [SALE], provider: "cardgateway"')).toHaveLength(all.length);
    expect(await refs('provider: "paysafecard"')).toEqual([]);
    expect(await refs('orderId: $id', { id: gid('Order', seeded[2].order.id) })).toEqual([seeded[2].transactions[1].reference, seeded[2].transactions[0].reference]);
    expect(await refs('customerId: $id', { id: gid('Customer', seeded[3].customer.id) })).toHaveLength(2);
    expect(await refs('paymentMethodId: $id', { id: gid('PaymentMethod', seeded[3].methods[0].id) })).toEqual([seeded[3].transactions[0].reference]);
    expect(await refs(`reference: "${seeded[1].transactions[1].reference}"`)).toEqual([seeded[1].transactions[1].reference]);
  });

  it('shows a transaction with its relations, history and refunds, and a refund with its transaction', async () => {
    const s = seeded[0];
    const d = await data(
      `query($id: ID!) { transaction(id: $id) { provider kind status capturedAmount { amount } refundedAmount { amount } fee { amount }
        order { reference } customer { externalId } paymentMethod { last4 }
        events { nodes { fromStatus toStatus amount { amount } } } refunds { nodes { reason status amount { amount currency } transaction { reference } } } } }`,
      { id: gid('Transaction', s.transactions[1].id) },
    );
    expect(d.transaction).toEqual({
      provider: 'cardgateway',
      kind: 'SALE',
      status: 'SUCCEEDED',
      capturedAmount: { amount: '10.00' },
      refundedAmount: { amount: '0.00' },
      fee: null,
      order: { reference: s.order.reference },
      customer: { externalId: 'shop-c0' },
      paymentMethod: { last4: '1111' },
      events: { nodes: [{ fromStatus: 'PENDING', toStatus: 'SUCCEEDED', amount: null }] },
      refunds: { nodes: [{ reason: 'damaged', status: 'SUCCEEDED', amount: { amount: '2.50', currency: 'EUR' }, transaction: { reference: s.transactions[1].reference } }] },
    });
  });

  it('lists refunds, payouts and scheduled payments with their filters and relations', async () => {
    const d = await data(
      `query($tx: ID, $c: ID, $o: ID) {
        refunds(transactionId: $tx, status: [SUCCEEDED]) { nodes { id } }
        failed: refunds(status: [FAILED]) { nodes { id } }
        payouts(customerId: $c, status: [DECLINED]) { nodes { provider amount { amount } failureReason customer { externalId } paymentMethod { last4 } } }
        scheduledPayments(orderId: $o, scheduledAfter: "2026-05-31T00:00:00Z", scheduledBefore: "2026-06-02T00:00:00Z") {
          nodes { provider order { reference } customer { externalId } paymentMethod { last4 } transaction { reference } } }
        late: scheduledPayments(scheduledAfter: "2026-06-01T09:00:00Z") { nodes { id } } }`,
      { tx: gid('Transaction', seeded[0].transactions[1].id), c: gid('Customer', seeded[0].customer.id), o: gid('Order', seeded[0].order.id) },
    );
    expect(d.refunds.nodes).toEqual([{ id: gid('Refund', x.refund.id) }]);
    expect(d.failed.nodes).toEqual([]);
    expect(d.payouts.nodes).toEqual([
      { provider: 'paysafecard', amount: { amount: '50.00' }, failureReason: 'payout limit exceeded', customer: { externalId: 'shop-c0' }, paymentMethod: { last4: '0002' } },
    ]);
    expect(d.scheduledPayments.nodes).toEqual([
      {
        provider: 'paynearme',
        order: { reference: seeded[0].order.reference },
        customer: { externalId: 'shop-c0' },
        paymentMethod: { last4: '1111' },
        transaction: { reference: seeded[0].transactions[1].reference },
      },
    ]);
    expect(d.late.nodes).toEqual([]);
  });

  it('formats amounts exactly for zero- and three-decimal currencies, beyond 2^53', async () => {
    const em = t.em();
    const site = em.getReference(Site, m.site.id);
    const make = (currency: string, amountMinor: bigint, reference: string) =>
      em.create(Transaction, { site, provider: 'cardgateway', kind: TransactionKind.SALE, amountMinor, currency: currency as CurrencyCode, reference });
    const jpy = make('JPY', 500n, 'money-jpy');
    const kwd = make('KWD', 1234n, 'money-kwd');
    const big = make('EUR', 9007199254740993n, 'money-big');
    await em.flush();
    const q = 'query($id: ID!) { transaction(id: $id) { amount { amount amountMinor currency } } }';
    expect((await data(q, { id: gid('Transaction', jpy.id) })).transaction.amount).toEqual({ amount: '500', amountMinor: '500', currency: 'JPY' });
    expect((await data(q, { id: gid('Transaction', kwd.id) })).transaction.amount).toEqual({ amount: '1.234', amountMinor: '1234', currency: 'KWD' });
    expect((await data(q, { id: gid('Transaction', big.id) })).transaction.amount).toEqual({ amount: '90071992547409.93', amountMinor: '9007199254740993', currency: 'EUR' });
  });

  it('refuses malformed ids in filters and never exposes provider tokens', async () => {
    const res = await t.gql('{ transactions(paymentMethodId: "x") { nodes { id } } }', undefined, { key: m.key });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'INVALID_ID', field: ['paymentMethodId'] });
    const methods = await t.gql('{ paymentMethods(first: 100) { nodes { id brand first6 last4 holderName } } }', undefined, { key: m.key });
    expect(methods.body).not.toContain('tok-');
    const fields = await t.gql('{ __type(name: "PaymentMethod") { fields { name } } }', undefined, { key: m.key });
    const names = fields.data!.__type.fields.map((f: { name: string }) => f.name);
    expect(names).toContain('last4');
    expect(names).not.toContain('providerToken');
  });
});
