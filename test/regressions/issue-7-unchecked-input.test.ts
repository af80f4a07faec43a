import { rowCounts } from '../support/table-rows';
import { startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

const CREATE = 'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code field message } } }';
const CUSTOMERS = 'query($email: String, $after: String, $createdAfter: DateTimeISO) { customers(email: $email, after: $after, createdAfter: $createdAfter) { nodes { id } } }';
const cursor = (iso: string, id: string) => Buffer.from(JSON.stringify([iso, id])).toString('base64url');
const ZERO_ID = '00000000-0000-0000-0000-000000000000';

describe('issue 7: unchecked input is refused at the edge, never reaches PostgreSQL as a 500', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(() => f?.t.close());

  /** Runs a request that must be refused: a 4xx (or a userError naming the field), no internal error logged, no row written. */
  async function refused(send: () => Promise<{ status: number; body: string }>): Promise<{ status: number; body: any }> {
    const before = await rowCounts(f.t.em());
    const logsBefore = f.t.logs.length;
    const res = await send();
    expect({ status: res.status, body: res.body }).toEqual({ status: expect.any(Number), body: expect.not.stringContaining('INTERNAL_SERVER_ERROR') });
    expect(res.status).toBeLessThan(500);
    expect(f.t.logs.slice(logsBefore).filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
    expect(await rowCounts(f.t.em())).toEqual(before);
    return { status: res.status, body: JSON.parse(res.body) };
  }

  const topLevelField = (body: any) => body.errors?.[0]?.extensions?.field;

  it.each([
    ['firstName', { firstName: 'Ada\u0000' }],
    ['externalId', { externalId: 'c\u0000' }],
    ['metadata', { metadata: { note: 'a\u0000b' } }],
    ['metadata', { metadata: { ['k\u0000']: 'v' } }],
    ['email', { email: 'a\ud800@example.com' }],
    ['lastName', { lastName: 'x\udfff' }],
  ])('refuses a NUL byte or a lone surrogate in customer field %s and names it', async (field, fields) => {
    const res = await refused(() => f.gql(CREATE, { input: { externalId: 'c-1', ...fields } }));
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(topLevelField(res.body).slice(0, 2)).toEqual(['input', field]);
  });

  it('refuses a NUL byte written as an escape inside a string literal of the query', async () => {
    const res = await refused(() => f.gql('{ customers(email: "a\\u0000b") { nodes { id } } }'));
    expect(res.status).toBe(400);
  });

  it('refuses a NUL byte in a list filter', async () => {
    const res = await refused(() => f.gql(CUSTOMERS, { email: 'a\u0000@x.io' }));
    expect(res.status).toBe(400);
    expect(topLevelField(res.body)).toEqual(['email']);
  });

  it.each([
    ['an all-zero id without dashes', cursor('2026-01-01T00:00:00.000Z', '0'.repeat(36))],
    ['an id of dashes', cursor('2026-01-01T00:00:00.000Z', '-'.repeat(36))],
    ['a date at year -271821', cursor('-271821-04-20T00:00:00.000Z', ZERO_ID)],
    ['a date at year 0000', cursor('0000-01-01T00:00:00.000Z', ZERO_ID)],
    ['a date that is not ISO', cursor('Jan 1 2026', ZERO_ID)],
  ])('refuses a crafted cursor with %s as INVALID_CURSOR', async (_name, after) => {
    const res = await refused(() => f.gql(CUSTOMERS, { after }));
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'INVALID_CURSOR', field: ['after'] });
  });

  it.each(['-271821-04-20T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z'])(
    'refuses createdAfter %s, outside the dates the database holds, and names the argument',
    async (createdAfter) => {
      const res = await refused(() => f.gql(CUSTOMERS, { createdAfter }));
      expect(JSON.stringify(res.body.errors[0])).toContain('createdAfter');
    },
  );

  it('still accepts createdAfter at the edges of the range the database holds', async () => {
    for (const createdAfter of ['0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.000Z']) {
      const res = await f.gql(CUSTOMERS, { createdAfter });
      expect(res.errors).toBeUndefined();
    }
  });

  it('answers an APQ hash that does not match its query with a 400 saying so', async () => {
    const payload = JSON.stringify({ query: '{ viewer { isPartner } }', extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } });
    const res = await refused(async () => {
      const r = await f.t.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json', authorization: `Bearer ${f.merchant.key}` }, payload });
      return { status: r.statusCode, body: r.body };
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe('provided sha does not match query');
  });

  describe('the unauthenticated callback route', () => {
    const post = (body: string, contentType: string, url = '/callbacks/cardgateway') => async () => {
      const r = await f.t.app.inject({ method: 'POST', url, headers: { 'content-type': contentType }, payload: body });
      return { status: r.statusCode, body: r.body };
    };

    it.each([
      ['a JSON escape', JSON.stringify({ paymentId: 'p-1', merchantTransactionId: 'ord\u0000', amount: '1.00', checksum: 'x' }), 'application/json'],
      ['a raw byte', `{"paymentId":"p-1","merchantTransactionId":"ord\u0000","amount":"1.00","checksum":"x"}`, 'application/json'],
      ['a form escape', 'paymentId=p-1&merchantTransactionId=ord%00&amount=1.00&checksum=x', 'application/x-www-form-urlencoded'],
      ['a lone surrogate', '{"paymentId":"p-1","merchantTransactionId":"ord\\ud800","amount":"1.00","checksum":"x"}', 'application/json'],
    ])('refuses a NUL byte or lone surrogate sent as %s with a 400', async (_name, body, type) => {
      const res = await refused(post(body, type));
      expect(res.status).toBe(400);
    });

    it('refuses a NUL byte in the provider name or the query string', async () => {
      expect((await refused(post('{}', 'application/json', '/callbacks/card%00gateway'))).status).toBe(400);
      expect((await refused(post('{}', 'application/json', '/callbacks/cardgateway?x=%00'))).status).toBe(400);
    });
  });
});
