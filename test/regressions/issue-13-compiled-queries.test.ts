import { toGlobalId } from '../../src/graphql/common/global-id';
import { TestApp, type GqlResult, type TestSite } from '../support/app';
import { seedOrders, type SeededOrder } from '../support/read-seed';

/**
 * Issue 13: queries run on code compiled by graphql-jit (src/server/compiled-execution.ts). With the production
 * setting a query text runs on graphql-js the first time and compiled from the second, so sending the same
 * request three times compares the two executors on one database: the answers must not differ.
 */
describe('compiled query execution', () => {
  let t: TestApp;
  let m: TestSite;
  let seeded: SeededOrder[];
  beforeAll(async () => {
    t = await TestApp.start({ GRAPHQL_COMPILE_AFTER: '2' });
    m = await t.merchant();
    seeded = await seedOrders(t.em(), m.site.id, 4, { currency: 'EUR' });
  });
  afterAll(() => t?.close());

  // What may differ between two runs of one request: its id, and the cost budget left.
  const comparable = (res: GqlResult) => ({
    status: res.status,
    data: res.data,
    errors: res.errors?.map((e) => ({ ...e, extensions: { ...e.extensions, correlationId: undefined, requestId: undefined } })),
  });

  async function sameEveryTime(query: string, variables?: Record<string, unknown>, operationName?: string) {
    const send = () => (operationName ? postWithOperationName(query, operationName) : t.gql(query, variables, { key: m.key }));
    const [first, second, third] = [await send(), await send(), await send()];
    expect(comparable(second)).toEqual(comparable(first));
    expect(comparable(third)).toEqual(comparable(first));
    return first;
  }

  async function postWithOperationName(query: string, operationName: string): Promise<GqlResult> {
    const response = await t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${m.key}` },
      payload: JSON.stringify({ query, operationName }),
    });
    const parsed = JSON.parse(response.body) as Partial<GqlResult>;
    return { status: response.statusCode, data: parsed.data, errors: parsed.errors, body: response.body, headers: response.headers };
  }

  it('answers nested pages, totalCount, fragments, aliases, directives and an interface the same compiled as interpreted', async () => {
    const res = await sameEveryTime(
      `query($first: Int!, $withCustomer: Boolean!, $node: ID!) {
        page: orders(first: $first) {
          edges { cursor node { ...order } }
          pageInfo { hasNextPage endCursor }
          totalCount
        }
        node(id: $node) { __typename id ... on Order { reference } }
      }
      fragment order on Order {
        __typename id reference status amount { amount amountMinor currency }
        customer @include(if: $withCustomer) { email paymentMethods(first: 2) { nodes { last4 } } }
        transactions(first: 5) { nodes { status amount { amount } } }
      }`,
      { first: 3, withCustomer: true, node: toGlobalId('Order', seeded[0]!.order.id) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.page.edges).toHaveLength(3);
    expect(res.data!.page.totalCount).toBe(4);
    expect(res.data!.page.pageInfo).toEqual({ hasNextPage: true, endCursor: res.data!.page.edges[2].cursor });
    expect(res.data!.node).toEqual({ __typename: 'Order', id: toGlobalId('Order', seeded[0]!.order.id), reference: seeded[0]!.order.reference });
  });

  it('answers a union (NextAction, whose resolveType type-graphql makes async) the same compiled as interpreted', async () => {
    const txn = seeded[1]!.transactions[1]!; // SUCCEEDED: an ended (DECLINED) payment may not change status (the ended_once trigger)
    await t.em().getConnection().execute(`update "transaction" set status = 'REQUIRES_ACTION', next_action = ? where id = ?`, [
      JSON.stringify({ type: 'redirect', url: 'https://acs.example.test/3ds', method: 'GET' }),
      txn.id,
    ]);
    const res = await sameEveryTime(
      `query($id: ID!) { transactions(first: 5, orderId: $id) { nodes { id status nextAction {
        __typename ... on RedirectAction { url method } ... on PollAction { pollAfterMs } ... on FeeSelectionAction { feeOptions { id } }
      } } } }`,
      { id: toGlobalId('Order', seeded[1]!.order.id) },
    );
    expect(res.errors).toBeUndefined();
    const redirected = res.data!.transactions.nodes.find((n: { id: string }) => n.id === toGlobalId('Transaction', txn.id));
    expect(redirected.nextAction).toEqual({ __typename: 'RedirectAction', url: 'https://acs.example.test/3ds', method: 'GET' });
  });

  it('answers fields that fail the same compiled as interpreted: nulls propagated alike, each error with its path and code', async () => {
    // A nested page size above the limit fails in every order of the page; the failure propagates up to the
    // nearest nullable field.
    const res = await sameEveryTime('{ viewer { isPartner } orders(first: 2) { nodes { id transactions(first: 1000) { nodes { id } } } } }');
    expect(res.data!.viewer).toEqual({ isPartner: false });
    expect(res.errors!.length).toBeGreaterThan(0);
    expect(res.errors![0]!.path![0]).toBe('orders');
    expect(res.errors![0]!.extensions!.code).toEqual(expect.any(String));
  });

  it('refuses variables of the wrong type with the same 400 and message every time (they never reach the compiled code)', async () => {
    const res = await sameEveryTime('query($first: Int!) { orders(first: $first) { nodes { id } } }', { first: 'many' });
    expect(res.status).toBe(400);
    expect(res.errors![0]!.message).toMatch(/^Variable "\$first" got invalid value/);
  });

  it('answers an operationName that names no operation of the document with a client error, not a 500 (found by the issue 7 fuzzer)', async () => {
    const res = await sameEveryTime('query Listed { orders(first: 1) { nodes { id } } }', undefined, 'Missing');
    expect(res.status).toBe(400);
    expect(res.errors![0]!.message).toMatch(/Unknown operation named "Missing"/);
  });
});
