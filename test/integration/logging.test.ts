import { TestApp, type TestSite } from '../support/app';

const VISA = '4111111111111111';
const MASTERCARD_SPACED = '5555 5555 5555 4444';
const MISTYPED = '4111111111111112';
const CVV = '737';
const CREATE = 'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code message } } }';

describe('structured logs keep secrets out', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => ({ t, m } = await TestApp.withMerchant()));
  afterAll(() => t?.close());

  const records = () => t.logs.map((line) => JSON.parse(line) as Record<string, any>);
  const ofRequest = (reqId: string) => records().filter((r) => r.reqId === reqId);
  const allLogs = () => t.logs.join('');
  const lastReqId = () => records().filter((r) => r.msg === 'incoming request').at(-1)!.reqId as string;

  it('writes every line as JSON, one request per id, with the request headers but not their secrets', async () => {
    const res = await t.gql('{ viewer { isPartner } }', undefined, {
      key: m.key,
      headers: { 'x-api-key': m.key, 'x-provider-signature': 'sig-123', 'user-agent': 'shop-frontend/1.2' },
    });
    expect(res.status).toBe(200);
    const lines = ofRequest(lastReqId());
    expect(lines.map((l) => l.msg)).toEqual(['incoming request', 'graphql operation', 'request completed']);
    expect(lines[0].req.headers).toMatchObject({
      authorization: '[redacted]',
      'x-api-key': '[redacted]',
      'x-provider-signature': '[redacted]',
      'user-agent': 'shop-frontend/1.2',
    });
    expect(lines[1].graphql).toMatchObject({ operationType: 'query', status: 200, durationMs: expect.any(Number) });
    expect(lines[1].graphql.variables).toBeUndefined();
    expect(allLogs()).not.toContain(m.key);
    expect(allLogs()).not.toContain(m.key.slice(-20));
    expect(allLogs()).not.toContain('sig-123');
  });

  it('redacts card number, CVV and API key sent as variables of a failing operation, nested or not', async () => {
    const input = { externalId: 'c-1', cardNumber: VISA, card: { number: MISTYPED, cvv: CVV }, metadata: { note: MASTERCARD_SPACED, key: m.key } };
    const res = await t.gql(CREATE, { input, pan: MISTYPED }, { key: m.key });
    expect(res.status).toBe(400);
    const failed = ofRequest(lastReqId()).find((l) => l.msg === 'graphql operation failed')!;
    expect(failed.level).toBe(40);
    expect(failed.graphql.variables).toEqual({
      input: {
        externalId: 'c-1',
        cardNumber: '[redacted]',
        card: { number: '[redacted]', cvv: '[redacted]' },
        metadata: { note: '[card ****4444]', key: 'pgk_[redacted]' },
      },
      pan: '[redacted]',
    });
    for (const secret of [VISA, MISTYPED, MASTERCARD_SPACED, m.key, `"${CVV}"`]) expect(allLogs()).not.toContain(secret);
  });

  it('treats any long digit run in variables as card data, even one that fails Luhn or is sent as a number', async () => {
    await t.gql(CREATE, { input: { externalId: Number(MISTYPED) }, ref: `order ${MISTYPED}` }, { key: m.key });
    const failed = ofRequest(lastReqId()).find((l) => l.msg === 'graphql operation failed')!;
    expect(failed.graphql.variables).toEqual({ input: { externalId: '[card ****1112]' }, ref: 'order [card ****1112]' });
    expect(allLogs()).not.toContain(MISTYPED);
  });

  it('logs the path of a GET request without its query string, where variables travel', async () => {
    const query = encodeURIComponent('query($n: String) { viewer { isPartner } }');
    const variables = encodeURIComponent(JSON.stringify({ n: MISTYPED }));
    await t.app.inject({ method: 'GET', url: `/graphql?query=${query}&variables=${variables}`, headers: { authorization: `Bearer ${m.key}`, 'apollo-require-preflight': 'true' } });
    const [incoming] = ofRequest(lastReqId());
    expect(incoming.req).toMatchObject({ method: 'GET', path: '/graphql' });
    expect(allLogs()).not.toContain(MISTYPED);
  });

  it('refuses a card number in a non-card field before it can reach the database or a database error message', async () => {
    await t.em().execute('alter table "customer" alter column "external_id" type integer using null');
    try {
      const res = await t.gql(CREATE, { input: { externalId: VISA } }, { key: m.key });
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'CARD_DATA_OUT_OF_PLACE', field: ['input', 'externalId'] });
      expect(records().filter((r) => r.reqId === lastReqId() && r.level >= 50)).toEqual([]);
      expect(allLogs()).not.toContain(VISA);
    } finally {
      await t.em().execute('alter table "customer" alter column "external_id" type varchar(255) using null');
    }
  });

  it('never logs the variables of a successful operation', async () => {
    const res = await t.gql(CREATE, { input: { externalId: 'c-ok', metadata: { plan: 'gold' } } }, { key: m.key });
    expect(res.data?.createCustomer.userErrors).toEqual([]);
    const done = ofRequest(lastReqId()).find((l) => l.msg === 'graphql operation')!;
    expect(done.graphql).toMatchObject({ operationType: 'mutation', status: 200 });
    expect(JSON.stringify(done)).not.toContain('gold');
  });
});
