import { Order } from '../../src/domain/orders/order.entity';
import { TestApp, type TestSite } from '../support/app';

const CREATE_ORDER = `mutation ($input: CreateOrderInput!) {
  createOrder(input: $input) {
    order { id reference status description metadata amount { amount amountMinor currency } }
    userErrors { code field message }
    replayed
  }
}`;
const CREATE_CUSTOMER = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`;

describe('createOrder', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => ({ t, m } = await TestApp.withMerchant()));
  afterAll(() => t?.close());

  const ordersOf = (site: TestSite) => t.em().find(Order, { site: site.site.id }, { populate: ['customer'] });

  it.each([
    ['10.55', 'EUR', '10.55', 1055n],
    ['10.5', 'EUR', '10.50', 1050n],
    ['500', 'JPY', '500', 500n],
    ['1.234', 'KWD', '1.234', 1234n],
    ['92233720368547758.07', 'USD', '92233720368547758.07', 9223372036854775807n],
  ])('stores %s %s exactly as integer minor units', async (amount, currency, shown, minor) => {
    const reference = `ord-${currency}-${amount}`;
    const res = await t.gql(CREATE_ORDER, { input: { reference, amount: { amount, currency } } }, { key: m.key });
    expect(res.data?.createOrder.userErrors).toEqual([]);
    expect(res.data?.createOrder.order).toMatchObject({ reference, status: 'OPEN', amount: { amount: shown, amountMinor: String(minor), currency } });
    const row = await t.em().findOneOrFail(Order, { site: m.site.id, reference });
    expect(BigInt(row.amountMinor)).toBe(minor);
    expect(row.currency).toBe(currency);
  });

  it('links the order to a customer of the acting site', async () => {
    const customer = await t.gql(CREATE_CUSTOMER, { input: { email: 'c@example.com' } }, { key: m.key });
    const customerId = customer.data?.createCustomer.customer.id;
    const res = await t.gql(
      CREATE_ORDER,
      { input: { reference: 'with-customer', amount: { amount: '1.00', currency: 'EUR' }, customerId, description: 'Two mugs', metadata: { cart: '42' } } },
      { key: m.key },
    );
    expect(res.data?.createOrder.userErrors).toEqual([]);
    expect(res.data?.createOrder.order).toMatchObject({ description: 'Two mugs', metadata: { cart: '42' } });
    const row = await t.em().findOneOrFail(Order, { site: m.site.id, reference: 'with-customer' }, { populate: ['customer'] });
    expect(Buffer.from(customerId, 'base64url').toString()).toBe(`Customer:${row.customer?.id}`);
  });

  it("refuses another site's customer as NOT_FOUND and writes nothing", async () => {
    const other = await t.merchant();
    const theirs = await t.gql(CREATE_CUSTOMER, { input: { email: 'theirs@example.com' } }, { key: other.key });
    const site = await t.merchant();
    const res = await t.gql(
      CREATE_ORDER,
      { input: { reference: 'x', amount: { amount: '1.00', currency: 'EUR' }, customerId: theirs.data?.createCustomer.customer.id } },
      { key: site.key },
    );
    expect(res.data?.createOrder).toMatchObject({ order: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'customerId'] }] });
    expect(await ordersOf(site)).toHaveLength(0);
  });

  it('refuses a reference the site already used, and lets another site use it', async () => {
    const site = await t.merchant();
    const other = await t.merchant();
    const input = { reference: 'R-1', amount: { amount: '5.00', currency: 'EUR' } };
    expect((await t.gql(CREATE_ORDER, { input }, { key: site.key })).data?.createOrder.userErrors).toEqual([]);
    const again = await t.gql(CREATE_ORDER, { input: { ...input, amount: { amount: '6.00', currency: 'EUR' } } }, { key: site.key });
    expect(again.data?.createOrder).toMatchObject({ order: null, userErrors: [{ code: 'DUPLICATE_REFERENCE', field: ['input', 'reference'] }] });
    expect((await t.gql(CREATE_ORDER, { input }, { key: other.key })).data?.createOrder.userErrors).toEqual([]);
    const rows = await ordersOf(site);
    expect(rows.map((r) => BigInt(r.amountMinor))).toEqual([500n]);
  });

  it('gives exactly one of two concurrent orders with the same reference and refuses the other', async () => {
    const site = await t.merchant();
    const input = (amount: string) => ({ reference: 'race', amount: { amount, currency: 'EUR' } });
    const results = await Promise.all([
      t.gql(CREATE_ORDER, { input: input('1.00') }, { key: site.key }),
      t.gql(CREATE_ORDER, { input: input('2.00') }, { key: site.key }),
    ]);
    const codes = results.map((r) => r.data?.createOrder.userErrors[0]?.code ?? 'OK').sort();
    expect(codes).toEqual(['DUPLICATE_REFERENCE', 'OK']);
    expect(await ordersOf(site)).toHaveLength(1);
  });
});
