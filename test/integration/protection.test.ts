import { Customer } from '../../src/domain/customers/customer.entity';
import { TestApp, type TestSite } from '../support/app';

const CREATE_CUSTOMER = 'mutation { createCustomer(input: { externalId: "csrf-1" }) { customer { id } userErrors { code } } }';

/** customers → orders → customer → orders …: real fields, three levels per orders hop, one per customer hop. */
function nested(hops: number): string {
  const hop = (n: number, onCustomer: boolean): string => {
    if (n === 0) return 'id';
    return onCustomer ? `orders { edges { node { ${hop(n - 1, false)} } } }` : `customer { ${hop(n - 1, true)} }`;
  };
  return `{ customers { edges { node { ${hop(hops, true)} } } } }`;
}

describe('query limits, body limit, CSRF and malformed requests', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => ({ t, m } = await TestApp.withMerchant()));
  afterAll(() => t?.close());

  const post = (payload: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/graphql', headers: { authorization: `Bearer ${m.key}`, ...headers }, payload });

  it('answers a query within every limit', async () => {
    const res = await t.gql(nested(2), undefined, { key: m.key });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });

  it('refuses a query deeper than GRAPHQL_MAX_DEPTH with 400 and a clear message', async () => {
    const res = await t.gql(nested(3), undefined, { key: m.key, headers: { accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: 'Query depth limit of 10 exceeded, found 11.',
        extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth' },
      }),
    ]);
  });

  it('refuses more aliases than GRAPHQL_MAX_ALIASES', async () => {
    const query = `{ ${Array.from({ length: 16 }, (_, i) => `v${i}: viewer { isPartner }`).join(' ')} }`;
    const res = await t.gql(query, undefined, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]).toMatchObject({
      message: 'Aliases limit of 15 exceeded, found 16.',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'aliases' },
    });
  });

  it('refuses a 50 × 50 × 50 fan-out whose cost is above GRAPHQL_MAX_COST', async () => {
    const query = `{ customers(first: 50) { edges { node { orders(first: 50) { edges { node {
      transactions(first: 50) { edges { node { id } } } } } } } } } }`;
    const res = await t.gql(query, undefined, { key: m.key });
    expect(res.status).toBe(400);
    // transactions 1 + 50 × 2, orders 1 + 50 × (2 + 101), customers 1 + 50 × (2 + 5151): see query-cost.test.ts
    expect(res.errors?.[0].message).toBe('Query cost limit of 25000 exceeded, found 257651.');
    expect(res.errors?.[0].extensions).toEqual({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost', cost: { requested: 257651, limit: 25000 } });
  });

  it('allows a page of 100 customers with their fields', async () => {
    const res = await t.gql('{ customers(first: 100) { edges { node { id email firstName lastName } } } }', undefined, { key: m.key });
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });

  it('refuses a document of more than GRAPHQL_MAX_TOKENS tokens with 400, not 500', async () => {
    const res = await t.gql(`{ ${'__typename '.repeat(2001)} }`, undefined, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: 'Query token limit of 2000 exceeded.',
        extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'tokens' },
      }),
    ]);
  });

  it('never suggests field names of the schema', async () => {
    const res = await t.gql('{ viewr { isPartnr } customer(id: "x") { emial } }', undefined, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => e.message)).toEqual(['Cannot query field "viewr" on type "Query".', 'Cannot query field "emial" on type "Customer".']);
    expect(res.body).not.toMatch(/Did you mean|"viewer"|"email"/);
  });

  it('answers malformed GraphQL with 400 and a GraphQL error body', async () => {
    const res = await t.gql('{ viewer { isPartner }', undefined, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([expect.objectContaining({ message: 'Syntax Error: Expected Name, found <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } })]);
  });

  it('picks the status of a request error from the Accept header, and keeps 400 for query limits', async () => {
    const statusFor = async (query: string, accept?: string) =>
      (await t.gql(query, undefined, { key: m.key, headers: accept ? { accept } : {} })).status;
    const unknownField = '{ viewr { isPartner } }';
    expect(await statusFor(unknownField, 'application/graphql-response+json')).toBe(400);
    expect(await statusFor(unknownField, 'application/json')).toBe(200);
    expect(await statusFor(unknownField, '*/*')).toBe(200);
    expect(await statusFor(unknownField)).toBe(400);
    expect(await statusFor(nested(3), 'application/json')).toBe(400);
  });

  it('answers a body that is not JSON with 400 and a GraphQL error body', async () => {
    const res = await post('{ "query": "{ viewer', { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers a body above BODY_LIMIT_BYTES with 413 and a JSON error, before running anything', async () => {
    const payload = JSON.stringify({ query: CREATE_CUSTOMER, variables: { pad: 'x'.repeat(100_001) } });
    const res = await post(payload, { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toEqual({
      errors: [{ message: 'Request body is larger than the limit of 100000 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    expect(await t.em().count(Customer, {})).toBe(0);
  });

  it('refuses a form POST (what an HTML form on another site can send) and writes nothing', async () => {
    const res = await post(`query=${encodeURIComponent(CREATE_CUSTOMER)}`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBe(415);
    expect(res.json().errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await t.em().count(Customer, {})).toBe(0);
  });

  it('refuses a text/plain POST (a CORS "simple request") as a potential CSRF and writes nothing', async () => {
    const res = await post(JSON.stringify({ query: CREATE_CUSTOMER }), { 'content-type': 'text/plain' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toMatch(/Cross-Site Request Forgery/);
    expect(await t.em().count(Customer, {})).toBe(0);
  });

  it('refuses a header-less GET mutation as a potential CSRF and writes nothing', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/graphql?query=${encodeURIComponent(CREATE_CUSTOMER)}`, headers: { authorization: `Bearer ${m.key}` } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toMatch(/Cross-Site Request Forgery/);
    expect(await t.em().count(Customer, {})).toBe(0);
  });

  it('refuses a mutation over GET even with the preflight header (405), and writes nothing', async () => {
    const url = `/graphql?query=${encodeURIComponent(CREATE_CUSTOMER)}`;
    const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${m.key}`, 'apollo-require-preflight': 'true' } });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(await t.em().count(Customer, {})).toBe(0);
  });

  it('answers a GET query that carries the preflight header', async () => {
    const url = `/graphql?query=${encodeURIComponent('{ viewer { isPartner } }')}`;
    const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${m.key}`, 'apollo-require-preflight': 'true' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ data: { viewer: { isPartner: false } }, extensions: { cost: { requested: 1, limit: 25000, throttleStatus: { maximumAvailable: 250000, currentlyAvailable: expect.any(Number), restoreRate: 25000 } }, requestId: expect.any(String) } });
  });

  it('serves introspection outside production', async () => {
    const res = await t.gql('{ __schema { queryType { name } } }', undefined, { key: m.key });
    expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });
});

describe('production defaults', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => ({ t, m } = await TestApp.withMerchant({ NODE_ENV: 'production' })));
  afterAll(() => t?.close());

  it('refuses introspection in production', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Customer") { fields { name } } }']) {
      const res = await t.gql(query, undefined, { key: m.key });
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      expect(res.errors?.[0]).toMatchObject({ message: 'Introspection is disabled on this server.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      expect(res.body).not.toMatch(/"fields"|Apollo/);
    }
  });

  it('still answers ordinary queries and __typename in production', async () => {
    const res = await t.gql('{ __typename viewer { isPartner } }', undefined, { key: m.key });
    expect(res.data).toEqual({ __typename: 'Query', viewer: { isPartner: false } });
  });
});

describe('limits come from the configuration', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => ({ t, m } = await TestApp.withMerchant({ GRAPHQL_MAX_DEPTH: '3', GRAPHQL_MAX_TOKENS: '40', GRAPHQL_INTROSPECTION: 'false' })));
  afterAll(() => t?.close());

  it('applies GRAPHQL_MAX_DEPTH and GRAPHQL_MAX_TOKENS as configured', async () => {
    expect((await t.gql('{ viewer { site { name } } }', undefined, { key: m.key })).status).toBe(200);
    const deep = await t.gql('{ viewer { site { name } actingSite { name } } customers { edges { node { id } } } }', undefined, { key: m.key });
    expect(deep.errors?.[0].message).toBe('Query depth limit of 3 exceeded, found 4.');
    const long = await t.gql(`{ ${'__typename '.repeat(41)} }`, undefined, { key: m.key });
    expect(long.errors?.[0].message).toBe('Query token limit of 40 exceeded.');
  });

  it('turns introspection off with GRAPHQL_INTROSPECTION=false', async () => {
    const res = await t.gql('{ __schema { queryType { name } } }', undefined, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
  });
});
