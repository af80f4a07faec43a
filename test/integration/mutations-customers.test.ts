import { Customer } from '../../src/domain/customers/customer.entity';
import { Scope, TestApp, type TestSite } from '../support/app';

const CREATE = `mutation ($input: CreateCustomerInput!) {
  createCustomer(input: $input) {
    customer { id externalId email firstName middleName lastName birthDate phone metadata }
    userErrors { code field message }
    replayed
  }
}`;
const UPDATE = `mutation ($input: UpdateCustomerInput!) {
  updateCustomer(input: $input) {
    customer { id externalId email firstName lastName birthDate phone metadata }
    userErrors { code field message }
  }
}`;

describe('createCustomer and updateCustomer', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => ({ t, m } = await TestApp.withMerchant()));
  afterAll(() => t?.close());

  const customersOf = (site: TestSite) => t.em().find(Customer, { site: site.site.id }, { orderBy: { createdAt: 'asc' } });

  it('creates a customer of the acting site and returns it with a global id', async () => {
    const input = { externalId: 'c-1', email: 'ana@example.com', firstName: 'Ana', lastName: 'Lima', birthDate: '1990-04-30', phone: '+44 20 7946 0958', metadata: { tier: 'gold' } };
    const res = await t.gql(CREATE, { input }, { key: m.key });
    expect(res.errors).toBeUndefined();
    const payload = res.data?.createCustomer;
    expect(payload.userErrors).toEqual([]);
    expect(payload.replayed).toBe(false);
    expect(payload.customer).toMatchObject({ ...input, middleName: null });
    const rows = await customersOf(m);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ externalId: 'c-1', email: 'ana@example.com', birthDate: '1990-04-30', metadata: { tier: 'gold' } });
    expect(Buffer.from(payload.customer.id, 'base64url').toString()).toBe(`Customer:${rows[0].id}`);
  });

  it('keeps omitted fields on update and clears fields sent as null', async () => {
    const created = await t.gql(CREATE, { input: { externalId: 'c-2', email: 'bo@example.com', firstName: 'Bo', phone: '555 0100' } }, { key: m.key });
    const id = created.data?.createCustomer.customer.id;
    const res = await t.gql(UPDATE, { input: { id, email: 'bo.new@example.com', phone: null, metadata: { a: '1' } } }, { key: m.key });
    expect(res.data?.updateCustomer.userErrors).toEqual([]);
    expect(res.data?.updateCustomer.customer).toMatchObject({ externalId: 'c-2', email: 'bo.new@example.com', firstName: 'Bo', phone: null, metadata: { a: '1' } });
    const row = await t.em().findOneOrFail(Customer, { externalId: 'c-2', site: m.site.id });
    expect(row.phone ?? null).toBeNull();
    expect(row.firstName).toBe('Bo');
  });

  it('refuses a second customer with the same externalId and writes nothing', async () => {
    const site = await t.merchant();
    await t.gql(CREATE, { input: { externalId: 'dup' } }, { key: site.key });
    const res = await t.gql(CREATE, { input: { externalId: 'dup', email: 'x@example.com' } }, { key: site.key });
    expect(res.data?.createCustomer).toMatchObject({ customer: null, userErrors: [{ code: 'DUPLICATE_EXTERNAL_ID', field: ['input', 'externalId'] }] });
    expect(await customersOf(site)).toHaveLength(1);
  });

  it('refuses to give an existing customer an externalId another customer has', async () => {
    const site = await t.merchant();
    await t.gql(CREATE, { input: { externalId: 'taken' } }, { key: site.key });
    const other = await t.gql(CREATE, { input: { externalId: 'free' } }, { key: site.key });
    const res = await t.gql(UPDATE, { input: { id: other.data?.createCustomer.customer.id, externalId: 'taken' } }, { key: site.key });
    expect(res.data?.updateCustomer.userErrors[0]).toMatchObject({ code: 'DUPLICATE_EXTERNAL_ID' });
    expect((await customersOf(site)).map((c) => c.externalId)).toEqual(['taken', 'free']);
  });

  it('lets two sites use the same externalId', async () => {
    const a = await t.merchant();
    const b = await t.merchant();
    const first = await t.gql(CREATE, { input: { externalId: 'shared' } }, { key: a.key });
    const second = await t.gql(CREATE, { input: { externalId: 'shared' } }, { key: b.key });
    expect(first.data?.createCustomer.userErrors).toEqual([]);
    expect(second.data?.createCustomer.userErrors).toEqual([]);
  });

  it.each([
    ['an email that is not one', { email: 'not-an-email' }, 'INVALID_INPUT', ['input', 'email']],
    ['a birth date that does not exist', { birthDate: '2023-02-30' }, 'INVALID_DATE', ['input', 'birthDate']],
    ['a birth date in the future', { birthDate: '2999-01-01' }, 'INVALID_DATE', ['input', 'birthDate']],
    ['a birth date in another format', { birthDate: '30.04.1990' }, 'INVALID_INPUT', ['input', 'birthDate']],
    ['a phone number with letters', { phone: 'call me' }, 'INVALID_INPUT', ['input', 'phone']],
    ['metadata with a non-string value', { metadata: { n: 1 } }, 'INVALID_METADATA', ['input', 'metadata']],
    ['metadata with too many keys', { metadata: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) }, 'INVALID_METADATA', ['input', 'metadata']],
  ])('refuses %s with a userError and writes nothing', async (_name, fields, code, field) => {
    const site = await t.merchant();
    const res = await t.gql(CREATE, { input: fields }, { key: site.key });
    expect(res.status).toBe(200);
    expect(res.data?.createCustomer.customer).toBeNull();
    expect(res.data?.createCustomer.userErrors).toContainEqual(expect.objectContaining({ code, field }));
    expect(await customersOf(site)).toHaveLength(0);
  });

  it('refuses a key without the pay scope with FORBIDDEN and writes nothing', async () => {
    const site = await t.merchant([Scope.READ]);
    const res = await t.gql(CREATE, { input: { externalId: 'r' } }, { key: site.key });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await customersOf(site)).toHaveLength(0);
  });
});
