import { Customer } from '../../src/domain/customers/customer.entity';
import { Scope } from '../support/app';
import { card, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

const eur = (amount: string) => ({ amount, currency: 'EUR' });
const CREATE_CUSTOMER = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) {
  customer { id email orders { nodes { id } } } userErrors { code field } } }`;
const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }`;
const PAY_NESTED = `mutation($input: PayInput!) { pay(input: $input) { transaction { id status
  order { id transactions { nodes { id } } } customer { email } } userErrors { code } } }`;

describe('issue 7: scopes on nested reads, and partial results when one field is refused', () => {
  let f: PaymentsFixture;
  let payOnly: string;
  beforeAll(async () => {
    f = await startPaymentsFixture();
    const site = f.merchant.site;
    payOnly = (await f.t.sites().createApiKey(site, 'checkout', [Scope.PAY])).plaintext;
  });
  afterAll(() => f?.t.close());

  it("refuses a pay-only key the order's earlier payments and the customer's email, and still returns the payment it made", async () => {
    const customer = (await f.gql(CREATE_CUSTOMER, { input: { email: 'secret@shop.example' } })).data!.createCustomer.customer;
    const order = (await f.gql(CREATE_ORDER, { input: { reference: 'nested-1', amount: eur('30.00'), customerId: customer.id } })).data!.createOrder.order;
    const earlier = await f.gql(PAY_NESTED, { input: { provider: 'cardgateway', amount: eur('10.00'), orderId: order.id, source: { card: card() } } });
    expect(earlier.errors).toBeUndefined();
    expect(earlier.data!.pay.transaction.customer.email).toBe('secret@shop.example');

    const res = await f.t.gql(PAY_NESTED, { input: { provider: 'cardgateway', amount: eur('10.00'), orderId: order.id, customerId: customer.id, source: { card: card() } } }, { key: payOnly });
    expect(res.status).toBe(200);
    expect(res.data!.pay.transaction).toMatchObject({ status: 'SUCCEEDED', order: null, customer: null });
    expect(res.data!.pay.transaction.id).toEqual(expect.any(String));
    const paths = (res.errors ?? []).map((e) => ({ path: e.path, code: e.extensions?.code }));
    expect(paths).toEqual(expect.arrayContaining([
      { path: ['pay', 'transaction', 'order'], code: 'FORBIDDEN' },
      { path: ['pay', 'transaction', 'customer'], code: 'FORBIDDEN' },
    ]));
    expect(JSON.stringify(res.body)).not.toContain('secret@shop.example');
  });

  it("returns the customer a pay-only key created, with orders null and an error at that path", async () => {
    const res = await f.t.gql(CREATE_CUSTOMER, { input: { email: 'new@shop.example', externalId: 'nested-new' } }, { key: payOnly });
    expect(res.data!.createCustomer.customer).toMatchObject({ email: 'new@shop.example', orders: null });
    expect(res.data!.createCustomer.userErrors).toEqual([]);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['createCustomer', 'customer', 'orders'], 'FORBIDDEN']]);
    expect(await f.t.em().count(Customer, { externalId: 'nested-new' })).toBe(1);
  });

  it('nulls only the refused top-level field: a missing scope, a page too large, a partner asking for apiKeys', async () => {
    const missingScope = await f.t.gql('{ viewer { scopes } orders { nodes { id } } }', undefined, { key: payOnly });
    expect(missingScope.data).toEqual({ viewer: { scopes: ['PAY'] }, orders: null });
    expect(missingScope.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['orders'], 'FORBIDDEN']]);

    const tooLarge = await f.gql('{ viewer { scopes } customers(first: 500) { nodes { id } } orders(first: 1) { nodes { id } } }');
    expect(tooLarge.data?.viewer).toBeTruthy();
    expect(tooLarge.data?.customers).toBeNull();
    expect(tooLarge.data?.orders.nodes).toHaveLength(1);
    expect(tooLarge.errors?.map((e) => e.path)).toEqual([['customers']]);

    const partner = await f.t.partner('Agency');
    await f.t.sites().grantPartner(f.merchant.site, partner.site, [Scope.ADMIN]);
    const asPartner = await f.t.gql('{ viewer { isPartner } apiKeys { nodes { id } } orders(first: 1) { nodes { id } } }', undefined, {
      key: partner.key,
      headers: { 'x-acting-site': f.merchant.site.id },
    });
    expect(asPartner.data).toMatchObject({ viewer: { isPartner: true }, apiKeys: null });
    expect(asPartner.data?.orders.nodes).toHaveLength(1);
    expect(asPartner.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['apiKeys'], 'FORBIDDEN']]);
  });
});
