import { toGlobalId } from '../../src/graphql/common/global-id';
import { Scope, TestApp, type TestSite } from '../support/app';
import { seedOrders, type SeededOrder } from '../support/read-seed';

const ORDER_FIELDS = `id reference status amount { amount amountMinor currency } createdAt
  customer { id email }
  transactions(first: 5) { nodes { id status declineCode declineReason amount { amount } capturedAmount { amount } refundableAmount { amount } } pageInfo { hasNextPage } }`;

describe('order queries', () => {
  let t: TestApp;
  let m: TestSite;
  let seeded: SeededOrder[];
  beforeAll(async () => {
    t = await TestApp.start();
    m = await t.merchant();
    seeded = await seedOrders(t.em(), m.site.id, 6, { currency: 'EUR' });
  });
  afterAll(() => t?.close());

  it('returns an order by global id with its amount, customer and transactions', async () => {
    const { order, customer, transactions } = seeded[3];
    const res = await t.gql(`query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id: toGlobalId('Order', order.id) }, { key: m.key });
    expect(res.errors).toBeUndefined();
    const got = res.data!.order;
    expect(got).toMatchObject({
      id: toGlobalId('Order', order.id),
      reference: order.reference,
      status: 'PAID',
      amount: { amount: '10.03', amountMinor: '1003', currency: 'EUR' },
      customer: { id: toGlobalId('Customer', customer.id), email: customer.email },
    });
    // Newest first: the second transaction (succeeded) was created after the declined one.
    expect(got.transactions.nodes).toEqual([
      {
        id: toGlobalId('Transaction', transactions[1].id),
        status: 'SUCCEEDED',
        declineCode: null,
        declineReason: null,
        amount: { amount: '10.03' },
        capturedAmount: { amount: '10.03' },
        refundableAmount: { amount: '10.03' },
      },
      {
        id: toGlobalId('Transaction', transactions[0].id),
        status: 'DECLINED',
        declineCode: '05',
        declineReason: 'Do not honor',
        amount: { amount: '10.03' },
        capturedAmount: { amount: '0.00' },
        refundableAmount: { amount: '0.00' },
      },
    ]);
    expect(got.transactions.pageInfo.hasNextPage).toBe(false);
  });

  it('lists orders newest first and filters by status, customer, reference and creation time', async () => {
    const q = `query($status: [OrderStatus!], $customerId: ID, $reference: String, $after: DateTimeISO, $before: DateTimeISO) {
      orders(first: 50, status: $status, customerId: $customerId, reference: $reference, createdAfter: $after, createdBefore: $before) { nodes { reference } } }`;
    const refs = async (variables: Record<string, unknown>) => {
      const res = await t.gql(q, variables, { key: m.key });
      expect(res.errors).toBeUndefined();
      return res.data!.orders.nodes.map((n: { reference: string }) => n.reference);
    };
    const r = seeded.map((s) => s.order.reference);
    expect(await refs({})).toEqual([...r].reverse());
    expect(await refs({ status: ['PAID'] })).toEqual([r[5], r[3], r[1]]);
    expect(await refs({ status: ['PAID', 'OPEN'] })).toHaveLength(6);
    expect(await refs({ customerId: toGlobalId('Customer', seeded[2].customer.id) })).toEqual([r[2]]);
    expect(await refs({ reference: r[4] })).toEqual([r[4]]);
    expect(
      await refs({ after: seeded[1].order.createdAt.toISOString(), before: seeded[4].order.createdAt.toISOString() }),
    ).toEqual([r[3], r[2]]);
  });

  it('refuses a customerId filter that is not a customer id, with a clear error', async () => {
    const res = await t.gql('query($c: ID) { orders(customerId: $c) { nodes { id } } }', { c: toGlobalId('Order', seeded[0].order.id) }, { key: m.key });
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0].extensions?.code).toBe('INVALID_ID');
    expect(res.errors?.[0].message).toBe('customerId is not a Customer id');
  });

  it('answers null for an unknown order id', async () => {
    const res = await t.gql('query($id: ID!) { order(id: $id) { id } }', { id: toGlobalId('Order', '00000000-0000-4000-8000-000000000000') }, { key: m.key });
    expect(res.errors).toBeUndefined();
    expect(res.data!.order).toBeNull();
  });

  it('requires the read scope', async () => {
    const payOnly = await t.merchant([Scope.PAY], 'PayOnly');
    const res = await t.gql('{ orders { nodes { id } } }', undefined, { key: payOnly.key });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(res.data?.orders ?? null).toBeNull();
  });
});
