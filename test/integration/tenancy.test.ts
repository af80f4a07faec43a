import { Customer } from '../../src/domain/customers/customer.entity';
import { Order } from '../../src/domain/orders/order.entity';
import { TransactionKind } from '../../src/domain/transactions/transaction-status';
import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { Scope, TestApp, type TestSite } from '../support/app';

const CREATE_CUSTOMER = `mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`;
const CREATE_ORDER = `mutation ($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { code field } } }`;
const UPDATE_CUSTOMER = `mutation ($input: UpdateCustomerInput!) {
  updateCustomer(input: $input) { customer { id email } userErrors { code field message } }
}`;
const READ_ALL = `query ($customer: ID!, $order: ID!, $transaction: ID!) {
  customer(id: $customer) { id email }
  order(id: $order) { id reference }
  transaction(id: $transaction) { id }
  node(id: $order) { id }
}`;
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');

describe('tenancy: every read and write is scoped to the acting site', () => {
  let t: TestApp;
  let owner: TestSite;
  let ids: { customer: string; order: string; transaction: string };
  beforeAll(async () => {
    t = await TestApp.start();
    owner = await t.merchant(undefined, 'Owner');
    const customer = (await t.gql(CREATE_CUSTOMER, { input: { email: 'owner-customer@example.com' } }, { key: owner.key })).data?.createCustomer.customer.id;
    const order = (await t.gql(CREATE_ORDER, { input: { reference: 'O-1', amount: { amount: '9.99', currency: 'EUR' }, customerId: customer } }, { key: owner.key })).data?.createOrder.order.id;
    // Transactions are created by the payment flows; a row is enough to test who may read it.
    const em = t.em();
    const tx = em.create(Transaction, {
      site: owner.site,
      provider: 'cardgateway',
      kind: TransactionKind.SALE,
      amountMinor: 999n,
      currency: 'EUR' as never,
      reference: `tenancy-${Date.now().toString(36)}`,
    });
    await em.persist(tx).flush();
    ids = { customer, order, transaction: gid('Transaction', tx.id) };
  });
  afterAll(() => t?.close());

  it("lets the owner read its customer, order and transaction by global id", async () => {
    const res = await t.gql(READ_ALL, ids, { key: owner.key });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      customer: { id: ids.customer, email: 'owner-customer@example.com' },
      order: { id: ids.order, reference: 'O-1' },
      transaction: { id: ids.transaction },
      node: { id: ids.order },
    });
  });

  it("answers null, not an error, when another site reads the owner's objects by global id", async () => {
    const other = await t.merchant(undefined, 'Other');
    const res = await t.gql(READ_ALL, ids, { key: other.key });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ customer: null, order: null, transaction: null, node: null });
  });

  it("answers null to a partner acting for another site than the owner", async () => {
    const other = await t.merchant();
    const p = await t.partner();
    await t.sites().grantPartner(other.site, p.site, [Scope.READ]);
    const res = await t.gql(READ_ALL, ids, { key: p.key, actingSite: other.site.id });
    expect(res.data).toEqual({ customer: null, order: null, transaction: null, node: null });
  });

  it("lets a partner with a grant read the owner's objects", async () => {
    const p = await t.partner();
    await t.sites().grantPartner(owner.site, p.site, [Scope.READ]);
    const res = await t.gql(READ_ALL, ids, { key: p.key, actingSite: owner.site.id });
    expect(res.data?.order).toEqual({ id: ids.order, reference: 'O-1' });
  });

  it("refuses to update another site's customer with NOT_FOUND and changes nothing", async () => {
    const other = await t.merchant();
    const res = await t.gql(UPDATE_CUSTOMER, { input: { id: ids.customer, email: 'hijack@example.com' } }, { key: other.key });
    expect(res.data?.updateCustomer).toEqual({
      customer: null,
      userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'], message: 'customer not found' }],
    });
    const row = await t.em().findOneOrFail(Customer, { site: owner.site.id });
    expect(row.email).toBe('owner-customer@example.com');
  });

  it("refuses an order for another site's customer with NOT_FOUND and writes nothing", async () => {
    const other = await t.merchant();
    const res = await t.gql(CREATE_ORDER, { input: { reference: 'steal', amount: { amount: '1.00', currency: 'EUR' }, customerId: ids.customer } }, { key: other.key });
    expect(res.data?.createOrder).toEqual({ order: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'customerId'] }] });
    expect(await t.em().count(Order, { reference: 'steal' })).toBe(0);
  });
});
