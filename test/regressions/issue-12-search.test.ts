import { Order } from '../../src/domain/orders/order.entity';
import { TestApp, type MerchantFixture } from '../support/app';
import { SqlCounter } from '../support/sql-counter';

const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { code field message } } }`;
const ORDERS = `query($amount: AmountRangeInput, $metadata: [MetadataFilterInput!], $updatedAfter: DateTimeISO, $first: Int) {
  orders(amount: $amount, metadata: $metadata, updatedAfter: $updatedAfter, first: $first) {
    totalCount nodes { reference } pageInfo { hasNextPage } } }`;
const CUSTOMERS = `query($metadata: [MetadataFilterInput!]) { customers(metadata: $metadata) { totalCount nodes { externalId } } }`;
const CREATE_CUSTOMER = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { userErrors { code } } }`;

describe('issue 12 item 5: the searches partners ask for', () => {
  let f: MerchantFixture;
  const gql = (query: string, variables?: Record<string, unknown>) => f.t.gql(query, variables, { key: f.m.key });
  const order = async (reference: string, amount: string, currency: string, metadata: Record<string, string> = {}) => {
    const res = await gql(CREATE_ORDER, { input: { reference, amount: { amount, currency }, metadata } });
    expect(res.data?.createOrder.userErrors).toEqual([]);
    return res.data!.createOrder.order.id as string;
  };
  const references = async (variables: Record<string, unknown>) => {
    const res = await gql(ORDERS, variables);
    expect(res.errors).toBeUndefined();
    return res.data!.orders as { totalCount: number; nodes: { reference: string }[] };
  };

  beforeAll(async () => {
    f = await TestApp.withMerchant();
    await order('eur-5', '5.00', 'EUR', { channel: 'web', region: 'north' });
    await order('eur-10', '10.00', 'EUR', { channel: 'web' });
    await order('eur-19.99', '19.99', 'EUR', { channel: 'app' });
    await order('eur-20', '20.00', 'EUR');
    await order('usd-15', '15.00', 'USD', { channel: 'web' });
    await order('jpy-1500', '1500', 'JPY');
  }, 60_000);
  afterAll(() => f?.t.close());

  it('filters by an amount range in one currency, bounds inclusive', async () => {
    const found = await references({ amount: { currency: 'EUR', min: '10.00', max: '19.99' } });
    expect(found.nodes.map((n) => n.reference).sort()).toEqual(['eur-10', 'eur-19.99']);
    expect((await references({ amount: { currency: 'EUR', min: '20.01' } })).nodes).toEqual([]);
    expect((await references({ amount: { currency: 'JPY', max: '1500' } })).nodes.map((n) => n.reference)).toEqual(['jpy-1500']);
    expect((await references({ amount: { currency: 'USD' } })).nodes.map((n) => n.reference)).toEqual(['usd-15']);
  });

  it('refuses a bound the currency cannot hold or a min above max, naming the argument', async () => {
    const decimals = await gql(ORDERS, { amount: { currency: 'JPY', min: '1.5' } });
    expect(decimals.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_DECIMALS', field: ['amount', 'min'] });
    const inverted = await gql(ORDERS, { amount: { currency: 'EUR', min: '20.00', max: '10.00' } });
    expect(inverted.errors?.[0].extensions).toMatchObject({ code: 'INVALID_RANGE', field: ['amount', 'min'] });
    const negative = await gql(ORDERS, { amount: { currency: 'EUR', min: '-1' } });
    expect(negative.errors?.[0].extensions).toMatchObject({ code: 'INVALID_AMOUNT', field: ['amount', 'min'] });
    const long = await gql(ORDERS, { metadata: [{ key: 'k'.repeat(41), value: 'v' }] });
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'INVALID_METADATA', field: ['metadata'] });
  });

  it('filters by metadata equality on every key given', async () => {
    expect((await references({ metadata: [{ key: 'channel', value: 'web' }] })).nodes.map((n) => n.reference).sort()).toEqual(['eur-10', 'eur-5', 'usd-15']);
    const both = await references({ metadata: [{ key: 'channel', value: 'web' }, { key: 'region', value: 'north' }] });
    expect(both.nodes.map((n) => n.reference)).toEqual(['eur-5']);
    expect((await references({ metadata: [{ key: 'channel', value: "web' or '1'='1" }] })).nodes).toEqual([]);
  });

  it('filters by last change, so a partner can sync what changed since its last run', async () => {
    const since = new Date(Date.now() + 1_000);
    const changed = await f.t.em().findOneOrFail(Order, { reference: 'eur-20' });
    await f.t.em().nativeUpdate(Order, { id: changed.id }, { updatedAt: new Date(since.getTime() + 60_000) });
    expect((await references({ updatedAfter: since.toISOString() })).nodes.map((n) => n.reference)).toEqual(['eur-20']);
  });

  it('takes updatedAfter / updatedBefore and totalCount on every root list', async () => {
    for (const list of ['orders', 'customers', 'transactions', 'paymentMethods', 'scheduledPayments', 'refunds', 'payouts']) {
      const res = await gql(`{ all: ${list} { totalCount } future: ${list}(updatedAfter: "2999-01-01T00:00:00Z") { totalCount }
        past: ${list}(updatedBefore: "2999-01-01T00:00:00Z") { totalCount } }`);
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ all: { totalCount: expect.any(Number) }, future: { totalCount: 0 }, past: { totalCount: res.data!.all.totalCount } });
    }
    expect((await gql('{ orders { totalCount } }')).data!.orders.totalCount).toBeGreaterThan(0);
  });

  it('counts every match over all pages when totalCount is selected', async () => {
    const page = await references({ amount: { currency: 'EUR' }, first: 2 });
    expect(page).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    expect(page.nodes).toHaveLength(2);
    const customers = async (metadata: unknown) => (await gql(CUSTOMERS, { metadata })).data!.customers;
    for (const [externalId, tier] of [['c1', 'gold'], ['c2', 'gold'], ['c3', 'silver']]) {
      await gql(CREATE_CUSTOMER, { input: { externalId, metadata: { tier } } });
    }
    expect(await customers([{ key: 'tier', value: 'gold' }])).toMatchObject({ totalCount: 2 });
    const transactions = await gql(`{ transactions(amount: { currency: EUR, min: "1.00" }, metadata: [{ key: "a", value: "b" }], updatedAfter: "2020-01-01T00:00:00Z") { totalCount nodes { id } } }`);
    expect(transactions.errors).toBeUndefined();
    expect(transactions.data!.transactions).toEqual({ totalCount: 0, nodes: [] });
  });

  it('sends no count query when totalCount is not selected', async () => {
    const sql = new SqlCounter(f.t.running.orm);
    const counts = (statements: string[]) => statements.filter((s) => /select count\(/i.test(s));
    expect(counts(await sql.statementsDuring(() => gql('{ orders(first: 3) { nodes { id } } }')))).toEqual([]);
    expect(counts(await sql.statementsDuring(() => gql('{ orders(first: 3) { totalCount } }')))).toHaveLength(1);
  });
});
