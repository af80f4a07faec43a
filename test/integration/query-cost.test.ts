import { Customer } from '../../src/domain/customers/customer.entity';
import { toGlobalId } from '../../src/graphql/common/global-id';
import { TestApp, type GqlResult, type TestSite } from '../support/app';
import { seedOrders } from '../support/read-seed';

/*
 * Costs below are worked out by hand from the rule in docs/security.md: an object counts 1, a scalar 0, a
 * connection costs 1 + first × (what is selected inside it), first defaulting to 20; nodes(ids:) costs
 * ids × (1 + what is selected inside it).
 */

const ISSUE_QUERY = `{ orders(first: 100) { nodes {
  customer { paymentMethods { nodes { id } } }
  transactions { nodes { id } } } } }`;

const FAN_OUT = `{ customers(first: 50) { nodes { orders(first: 50) { nodes { transactions(first: 50) { nodes { id } } } } } } }`;

function costOf(res: GqlResult): number | undefined {
  return JSON.parse(res.body).extensions?.cost?.requested;
}

describe('query cost at the default limit', () => {
  let t: TestApp;
  let m: TestSite;
  let orderIds: string[];
  beforeAll(async () => {
    t = await TestApp.start();
    m = await t.merchant();
    orderIds = (await seedOrders(t.em(), m.site.id, 100)).map((s) => toGlobalId('Order', s.order.id));
  });
  afterAll(() => t?.close());

  const cost = async (query: string, variables?: Record<string, unknown>) => {
    const res = await t.gql(query, variables, { key: m.key });
    expect(res.errors).toBeUndefined();
    return costOf(res);
  };

  it('serves the 100 orders with customer methods and transactions query, well under the limit', async () => {
    const res = await t.gql<{ orders: { nodes: { transactions: { nodes: unknown[] } }[] } }>(ISSUE_QUERY, undefined, { key: m.key });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data?.orders.nodes).toHaveLength(100);
    expect(res.data?.orders.nodes[0].transactions.nodes).toHaveLength(2);
    // paymentMethods = 1 + 20×1 = 21, customer = 1 + 21 = 22, transactions = 1 + 20×1 = 21,
    // order node = 1 + 22 + 21 = 44, orders = 1 + 100 × 44 = 4401
    expect(JSON.parse(res.body).extensions).toEqual({ cost: { requested: 4401, limit: 25000, throttleStatus: { maximumAvailable: 250000, currentlyAvailable: expect.any(Number), restoreRate: 25000 } }, requestId: expect.any(String) });
  });

  it('refuses a 50 × 50 × 50 fan-out with 400, its cost and the limit, and runs nothing', async () => {
    const res = await t.gql(FAN_OUT, undefined, { key: m.key, headers: { accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    // transactions = 1 + 50×1 = 51, orders = 1 + 50 × (1 + 51) = 2601, customers = 1 + 50 × (1 + 2601) = 130101
    expect(res.errors).toEqual([
      {
        message: 'Query cost limit of 25000 exceeded, found 130101.',
        extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', cost: { requested: 130101, limit: 25000 } },
      },
    ]);
  });

  it('counts objects as 1 and scalars and __typename as 0', async () => {
    expect(await cost('{ __typename }')).toBe(0);
    expect(await cost('{ viewer { isPartner } }')).toBe(1);
    // viewer 1 + site 1
    expect(await cost('{ viewer { isPartner site { name } } }')).toBe(2);
  });

  it('multiplies everything inside a connection by first, and by 20 when first is absent', async () => {
    // 1 + 10 × (pageInfo 1 + nodes 1)
    expect(await cost('{ customers(first: 10) { pageInfo { hasNextPage } nodes { id } } }')).toBe(21);
    // 1 + 10 × (pageInfo 1 + edges 1 + node 1), the example of docs/security.md
    expect(await cost('{ customers(first: 10) { pageInfo { hasNextPage } edges { node { id } } } }')).toBe(31);
    // 1 + 20 × (edges 1 + node 1)
    expect(await cost('{ customers { edges { cursor node { id email } } } }')).toBe(41);
    // 1 + 0 × …: an empty page costs the connection only
    expect(await cost('{ customers(first: 0) { nodes { id orders { nodes { id } } } } }')).toBe(1);
  });

  it('reads first from the request variables and from variable defaults', async () => {
    const query = 'query Page($n: Int!) { customers(first: $n) { nodes { orders(first: $n) { nodes { id } } } } }';
    // 1 + 3 × (1 + (1 + 3 × 1)) = 16
    expect(await cost(query, { n: 3 })).toBe(16);
    // 1 + 40 × (1 + 41) = 1681
    expect(await cost(query, { n: 40 })).toBe(1681);
    expect(await cost('query Page($n: Int = 7) { customers(first: $n) { nodes { id } } }')).toBe(8);
  });

  it('counts named and inline fragments where they are spread, each spread again', async () => {
    const fragment = 'fragment WithOrders on Customer { id orders(first: 5) { nodes { id } } }';
    // orders = 1 + 5 = 6, customer node = 1 + 6 = 7, customers = 1 + 10 × 7 = 71
    expect(await cost(`{ customers(first: 10) { nodes { ...WithOrders } } } ${fragment}`)).toBe(71);
    expect(await cost('{ customers(first: 10) { nodes { ... on Customer { orders(first: 5) { nodes { id } } } } } }')).toBe(71);
    // spread twice in different places: 71 + (1 + 2 × (1 + 1 + 6)) = 71 + 17 = 88
    const twice = `{ customers(first: 10) { nodes { ...WithOrders } } orders(first: 2) { nodes { customer { ...WithOrders } } } } ${fragment}`;
    expect(await cost(twice)).toBe(88);
  });

  it('counts every alias of a field separately', async () => {
    const one = '{ customers(first: 30) { nodes { id } } }';
    const three = '{ a: customers(first: 30) { nodes { id } } b: customers(first: 30) { nodes { id } } c: customers(first: 30) { nodes { id } } }';
    expect(await cost(one)).toBe(31);
    expect(await cost(three)).toBe(93);
  });

  it('multiplies a nodes(ids:) selection by the number of ids, counting the most expensive type', async () => {
    const ids = orderIds.slice(0, 3);
    // 3 × (1 + customer 1)
    expect(await cost('query N($ids: [ID!]!) { nodes(ids: $ids) { id ... on Order { customer { id } } } }', { ids })).toBe(6);
    // Order branch 1 + 10 = 11, Customer branch 1 + 50 = 51: the larger counts, 3 × (1 + 51) = 156
    const branches = `query N($ids: [ID!]!) { nodes(ids: $ids) {
      ... on Order { transactions(first: 10) { nodes { id } } }
      ... on Customer { orders(first: 50) { nodes { id } } } } }`;
    expect(await cost(branches, { ids })).toBe(156);
  });

  it('leaves out selections skipped by @include and @skip', async () => {
    const query = 'query C($full: Boolean!) { customers(first: 10) { nodes { id orders @include(if: $full) { nodes { id } } } } }';
    expect(await cost(query, { full: false })).toBe(11);
    // orders = 1 + 20 = 21, customers = 1 + 10 × (1 + 21) = 221
    expect(await cost(query, { full: true })).toBe(221);
  });

  it('counts a page size above 100 as 100, so the field refuses it with an error that names first', async () => {
    // 1 + 100 × (1 + (1 + 100 × 1)) = 10201; as sent it would be 102,000,001 and a cost error would hide the cause
    const res = await t.gql('{ customers(first: 1000000) { nodes { orders(first: 100) { nodes { id } } } } }', undefined, { key: m.key });
    expect(res.status).toBeLessThan(500);
    expect(costOf(res)).toBe(10201);
    expect(res.errors?.[0].extensions?.code).toBe('INVALID_INPUT');
    expect(res.errors?.[0].message).toMatch(/first/);
  });

  // Issue 13, second round: an operation whose variables reach no cost argument is costed once per document.
  it('costs the same document again for each request whose ids variable changes the cost', async () => {
    const query = 'query N($ids: [ID!]!) { nodes(ids: $ids) { id ... on Order { customer { id } } } }';
    expect(await cost(query, { ids: orderIds.slice(0, 2) })).toBe(4);
    expect(await cost(query, { ids: orderIds.slice(0, 5) })).toBe(10);
    const listed = 'query N($a: ID!, $b: ID!) { nodes(ids: [$a, $b]) { id ... on Order { customer { id } } } }';
    expect(await cost(listed, { a: orderIds[0], b: orderIds[1] })).toBe(4);
  });

  it('costs a document whose variables reach no cost argument once, and still refuses variables that do not fit', async () => {
    const query = 'query C($after: String) { customers(first: 4, after: $after) { nodes { id } } }';
    expect(await cost(query, { after: null })).toBe(5);
    expect(await cost(query, {})).toBe(5);
    const res = await t.gql(query, { after: 12 }, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(costOf(res)).toBeUndefined();
  });

  it('reports wrongly typed variables as BAD_USER_INPUT, not as a cost problem', async () => {
    const res = await t.gql('query Page($n: Int!) { customers(first: $n) { nodes { id } } }', { n: 'many' }, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('query cost with GRAPHQL_MAX_COST from the environment', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => {
    t = await TestApp.start({ GRAPHQL_MAX_COST: '100' });
    m = await t.merchant();
  });
  afterAll(() => t?.close());

  const refusal = (found: number) => ({
    message: `Query cost limit of 100 exceeded, found ${found}.`,
    extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', cost: { requested: found, limit: 100 } },
  });

  it('answers a query that costs exactly the limit and refuses one that costs one more', async () => {
    const at = await t.gql('{ customers(first: 99) { nodes { id } } }', undefined, { key: m.key });
    expect(at.status).toBe(200);
    expect(costOf(at)).toBe(100);
    const over = await t.gql('{ customers(first: 100) { nodes { id } } }', undefined, { key: m.key });
    expect(over.status).toBe(400);
    expect(over.errors).toEqual([refusal(101)]);
  });

  it('applies the limit to the page size sent as a variable', async () => {
    const query = 'query Page($n: Int!) { customers(first: $n) { nodes { orders(first: $n) { nodes { id } } } } }';
    // 1 + 9 × (1 + 1 + 9) = 100; 1 + 10 × (1 + 1 + 10) = 121
    expect((await t.gql(query, { n: 9 }, { key: m.key })).status).toBe(200);
    expect((await t.gql(query, { n: 10 }, { key: m.key })).errors).toEqual([refusal(121)]);
  });

  it('refuses a mutation over the limit before it runs, and writes nothing', async () => {
    const mutation = `mutation { createCustomer(input: { externalId: "cost-1" }) {
      customer { id orders(first: 100) { nodes { id } } } userErrors { code } } }`;
    // payload 1 + customer (1 + orders (1 + 100)) + userErrors 1 = 104
    const res = await t.gql(mutation, undefined, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([refusal(104)]);
    expect(await t.em().count(Customer, {})).toBe(0);
  });

  it('does not let a negative first on one alias pay for another', async () => {
    const query = '{ a: customers(first: -1000) { nodes { id } } b: customers(first: 100) { nodes { id } } }';
    // a counts 1 + 0, b counts 101
    expect((await t.gql(query, undefined, { key: m.key })).errors).toEqual([refusal(102)]);
  });

  it('keeps introspection free, so the playground can load the schema under any limit', async () => {
    const res = await t.gql('{ __schema { types { name fields { name args { name } type { name ofType { name } } } } } }', undefined, { key: m.key });
    expect(res.status).toBe(200);
    expect(costOf(res)).toBe(0);
  });

  it('refuses fragments that expand past 10,000 selections instead of walking them', async () => {
    // F3 holds 25 × 25 × 25 = 15,625 copies of F0: a few hundred tokens, shallow enough for the depth limit
    const spreads = (name: string) => Array.from({ length: 25 }, () => `...${name}`).join(' ');
    const chain = [1, 2, 3].map((i) => `fragment F${i} on Query { ${spreads(`F${i - 1}`)} }`).join(' ');
    const query = `{ ...F3 } fragment F0 on Query { __typename } ${chain}`;
    const res = await t.gql(query, undefined, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      {
        message: 'Query cost cannot be computed: more than 10000 selections once fragments are expanded.',
        extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost' },
      },
    ]);
  });
});
