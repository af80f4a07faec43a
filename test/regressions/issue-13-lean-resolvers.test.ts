import { Scope, type GqlResult, type TestApp, type TestSite } from '../support/app';
import { startBothExecutors, type BothExecutors } from '../support/both-executors';

/**
 * Issue 13, read path second round: @FieldResolvers run without type-graphql's middleware chain
 * (src/graphql/common/lean-field-resolvers.ts). What a client sees must not change: refusals keep their message,
 * code, field and path, on graphql-js (a text's first time) and compiled (from the second), and a mutation's
 * nested field refused for scope is null with its error while the mutation's own result stays.
 */
describe('read path: field resolvers without the middleware chain', () => {
  let t: TestApp;
  let m: TestSite;
  let repeat: BothExecutors['repeat'];
  beforeAll(async () => {
    ({ t, m, repeat } = await startBothExecutors());
  });
  afterAll(() => t?.close());

  const errorsOf = (res: GqlResult) => (res.errors as (NonNullable<GqlResult['errors']>[number] & { locations?: unknown })[] | undefined)?.map((e) => ({ path: e.path, message: e.message, extensions: e.extensions, locations: e.locations }));

  it('refuses a bad nested cursor with INVALID_CURSOR on after, the same on both executors', async () => {
    const query = '{ orders(first: 2) { nodes { id transactions(first: 1, after: "nope") { nodes { id } } } } }';
    const answers = await repeat(query);
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(res.data!.orders.nodes).toEqual([expect.objectContaining({ transactions: null }), expect.objectContaining({ transactions: null })]);
      expect(errorsOf(res)).toEqual([0, 1].map((i) => ({
        path: ['orders', 'nodes', i, 'transactions'],
        message: 'after is not a cursor returned by this API',
        extensions: { code: 'INVALID_CURSOR', field: ['after'] },
        locations: [{ line: 1, column: 33 }],
      })));
    }
  });

  it("answers a getter field (a transaction's amount) and nested pages the same on both executors", async () => {
    const query = '{ orders(first: 2) { nodes { id transactions(first: 2) { nodes { id amount { amount currency } capturedAmount { amountMinor } } pageInfo { hasNextPage } } } } }';
    const answers = await repeat(query, undefined, 2);
    expect(answers[0]!.errors).toBeUndefined();
    expect(answers[0]!.data!.orders.nodes[0].transactions.nodes[0].amount).toEqual({ amount: expect.stringMatching(/^\d+\.\d{2}$/), currency: 'EUR' });
    expect(answers[1]!.data).toEqual(answers[0]!.data);
  });

  it("nulls a mutation's nested field a pay-only key may not read, with the scope's error at its path", async () => {
    const payOnly = (await t.sites().createApiKey(m.site, 'checkout', [Scope.PAY])).plaintext;
    const res = await t.gql('mutation { createCustomer(input: { email: "lean@shop.example" }) { customer { email orders(first: 1) { nodes { id } } } userErrors { code } } }', undefined, { key: payOnly });
    expect(res.data!.createCustomer).toEqual({ customer: { email: 'lean@shop.example', orders: null }, userErrors: [] });
    expect(errorsOf(res)).toEqual([{
      path: ['createCustomer', 'customer', 'orders'],
      message: 'this API key lacks the "read" scope',
      extensions: { code: 'FORBIDDEN' },
      locations: [{ line: 1, column: 85 }],
    }]);
  });
});
