import { Customer } from '../../src/domain/customers/customer.entity';
import { IdempotencyRecord } from '../../src/domain/idempotency/idempotency-record.entity';
import { Order } from '../../src/domain/orders/order.entity';
import { TestApp, type TestSite } from '../support/app';

const CREATE_ORDER = `mutation ($input: CreateOrderInput!) {
  createOrder(input: $input) { order { id } userErrors { code field message } }
}`;
const UPDATE_CUSTOMER = `mutation ($input: UpdateCustomerInput!) {
  updateCustomer(input: $input) { customer { id } userErrors { code field message } }
}`;
const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('bad input gets a clear error and changes nothing', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => ({ t, m } = await TestApp.withMerchant()));
  afterAll(() => t?.close());

  // Every test starts from a site with no rows, so "nothing written" is a count of zero across the tables.
  const rowsWritten = async () =>
    (await t.em().count(Order, { site: m.site.id })) + (await t.em().count(Customer, { site: m.site.id })) + (await t.em().count(IdempotencyRecord, {}));

  const expectValidationError = (res: { status: number; errors?: { message: string; extensions?: Record<string, any> }[]; data?: unknown }) => {
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toMatch(/^(GRAPHQL_PARSE_FAILED|GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/);
    expect(res.errors?.[0].message).not.toMatch(/internal/i);
    expect(res.data).toBeUndefined();
  };

  it('answers malformed GraphQL with a parse error, never a 500', async () => {
    const res = await t.gql('mutation { createOrder(input: { reference: "x" ', undefined, { key: m.key });
    expectValidationError(res);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(await rowsWritten()).toBe(0);
  });

  it('answers a body that is not JSON with 400', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${m.key}` }, payload: '{"query": ' });
    expect(res.statusCode).toBe(400);
    expect(await rowsWritten()).toBe(0);
  });

  it.each([
    ['an amount sent as a number', { reference: 'n', amount: { amount: 10.5, currency: 'EUR' } }],
    ['a reference sent as an object', { reference: { a: 1 }, amount: eur('1.00') }],
    ['a missing amount', { reference: 'm' }],
    ['an unknown currency', { reference: 'c', amount: { amount: '1.00', currency: 'ABC' } }],
    ['a lower-case currency', { reference: 'c', amount: { amount: '1.00', currency: 'eur' } }],
    ['an unknown input field', { reference: 'u', amount: eur('1.00'), cardNumber: '4111111111111111' }],
  ])('answers %s with a GraphQL validation error, never a 500', async (_what, input) => {
    const res = await t.gql(CREATE_ORDER, { input }, { key: m.key });
    expectValidationError(res);
    expect(res.body).not.toContain('4111111111111111');
    expect(await rowsWritten()).toBe(0);
  });

  it('answers an unknown currency written into the query with a validation error', async () => {
    const res = await t.gql('mutation { createOrder(input: { reference: "q", amount: { amount: "1.00", currency: XYZ } }) { order { id } } }', undefined, { key: m.key });
    expectValidationError(res);
    expect(await rowsWritten()).toBe(0);
  });

  it.each([
    ['"10.555" EUR', { amount: '10.555', currency: 'EUR' }, 'TOO_MANY_DECIMALS'],
    ['"10.5" JPY', { amount: '10.5', currency: 'JPY' }, 'TOO_MANY_DECIMALS'],
    ['"1.2345" KWD', { amount: '1.2345', currency: 'KWD' }, 'TOO_MANY_DECIMALS'],
    ['a negative amount', { amount: '-5.00', currency: 'EUR' }, 'INVALID_AMOUNT'],
    ['a zero amount', { amount: '0.00', currency: 'EUR' }, 'INVALID_AMOUNT'],
    ['an amount beyond what bigint minor units can hold', { amount: '92233720368547758.08', currency: 'EUR' }, 'INVALID_AMOUNT'],
  ])('refuses %s with a userError on input.amount.amount and writes nothing', async (_what, amount, code) => {
    const res = await t.gql(CREATE_ORDER, { input: { reference: 'amt', amount, idempotencyKey: 'bad-amount' } }, { key: m.key });
    expect(res.status).toBe(200);
    expect(res.data?.createOrder.order).toBeNull();
    expect(res.data?.createOrder.userErrors).toEqual([{ code, field: ['input', 'amount', 'amount'], message: expect.any(String) }]);
    expect(await rowsWritten()).toBe(0);
  });

  it.each([['1e5'], ['10,50'], ['abc'], [' '], ['1.']])('refuses the amount "%s" as not a decimal and writes nothing', async (amount) => {
    const res = await t.gql(CREATE_ORDER, { input: { reference: 'fmt', amount: eur(amount) } }, { key: m.key });
    expect(res.data?.createOrder.userErrors).toContainEqual(expect.objectContaining({ code: 'INVALID_INPUT', field: ['input', 'amount', 'amount'] }));
    expect(await rowsWritten()).toBe(0);
  });

  it.each([
    ['a 101-character reference', ['input', 'reference'], { reference: 'r'.repeat(101), amount: eur('1.00') }],
    ['an empty reference', ['input', 'reference'], { reference: '', amount: eur('1.00') }],
    ['a 1001-character description', ['input', 'description'], { reference: 'd', amount: eur('1.00'), description: 'd'.repeat(1001) }],
    ['a 40-digit amount', ['input', 'amount', 'amount'], { reference: 'a', amount: eur('1'.repeat(40)) }],
  ])('refuses %s with a userError naming the field and writes nothing', async (_what, path, input) => {
    const res = await t.gql(CREATE_ORDER, { input }, { key: m.key });
    expect(res.data?.createOrder.userErrors).toContainEqual(expect.objectContaining({ code: 'INVALID_INPUT', field: path }));
    expect(await rowsWritten()).toBe(0);
  });

  it('refuses a 100 kB string without echoing it back and writes nothing', async () => {
    const huge = 'x'.repeat(100_000);
    const res = await t.gql(CREATE_ORDER, { input: { reference: huge, amount: eur('1.00') } }, { key: m.key });
    expect(res.status).toBeLessThan(500);
    expect(res.body).not.toContain(huge.slice(0, 1000));
    expect(await rowsWritten()).toBe(0);
  });

  it.each([
    ['garbage', 'not-a-global-id'],
    ['a valid global id of the wrong type', Buffer.from(`Order:${'00000000-0000-4000-8000-000000000000'}`).toString('base64url')],
    ['a customer id that does not exist', Buffer.from(`Customer:${'00000000-0000-4000-8000-000000000000'}`).toString('base64url')],
    ['a global id with a bad uuid', Buffer.from('Customer:1; drop table customer').toString('base64url')],
  ])('answers %s as NOT_FOUND on both customer mutations and writes nothing', async (_what, id) => {
    const update = await t.gql(UPDATE_CUSTOMER, { input: { id, email: 'x@example.com' } }, { key: m.key });
    expect(update.data?.updateCustomer.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'id'], message: 'customer not found' }]);
    const order = await t.gql(CREATE_ORDER, { input: { reference: 'gid', amount: eur('1.00'), customerId: id } }, { key: m.key });
    expect(order.data?.createOrder.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'customerId'], message: 'customer not found' }]);
    expect(await rowsWritten()).toBe(0);
  });

  it('refuses a duplicate order reference with DUPLICATE_REFERENCE and leaves the first order as it was', async () => {
    const site = await t.merchant();
    await t.gql(CREATE_ORDER, { input: { reference: 'SAME', amount: eur('1.00') } }, { key: site.key });
    const res = await t.gql(CREATE_ORDER, { input: { reference: 'SAME', amount: eur('2.00'), description: 'second' } }, { key: site.key });
    expect(res.data?.createOrder).toEqual({
      order: null,
      userErrors: [{ code: 'DUPLICATE_REFERENCE', field: ['input', 'reference'], message: 'this site already has an order with this reference' }],
    });
    const rows = await t.em().find(Order, { site: site.site.id });
    expect(rows.map((o) => [o.reference, BigInt(o.amountMinor), o.description ?? null])).toEqual([['SAME', 100n, null]]);
  });
});
