import { TestApp, type TestSite } from '../support/app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const VISA = '4111111111111111';
const NOT_LUHN = '4111111111111112';
const CVV = '987';
const CREATE = 'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code } } }';

function logLines(t: TestApp): Record<string, any>[] {
  return t.logs.map((line) => JSON.parse(line));
}

describe('card data never comes back in an error message', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => ({ t, m } = await TestApp.withMerchant()));
  afterAll(() => t?.close());

  // Request ids are random UUIDs whose hex groups can hold "987" by chance; they are not card data.
  const withoutUuids = (text: string) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>');
  const expectNoCardData = (raw: string) => {
    const body = withoutUuids(raw);
    expect(body).not.toMatch(/\d{12,}/);
    expect(body).not.toContain(VISA.slice(-8));
    expect(body).not.toContain(NOT_LUHN.slice(-8));
    expect(body).not.toContain(CVV);
    expect(t.logs.join('')).not.toMatch(new RegExp(`${VISA}|${NOT_LUHN}|"${CVV}"`));
  };

  it('drops a Luhn-valid number sent as a String where an Int is expected', async () => {
    const res = await t.gql('query($n: Int) { customers(first: $n) { edges { node { id } } } }', { n: VISA }, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.errors).toEqual([
      expect.objectContaining({ message: 'Variable "$n" got invalid value; Expected type "Int".', extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
    expectNoCardData(res.body);
  });

  it('drops a number that fails Luhn, sent as a wrongly typed field nested in an input object', async () => {
    const res = await t.gql(CREATE, { input: { externalId: Number(NOT_LUHN) } }, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => e.message)).toEqual(['Variable "$input" got invalid value at "input.externalId"; Expected type "String".']);
    expectNoCardData(res.body);
  });

  it('drops card number and CVV sent as unknown fields of an input object, naming only the fields', async () => {
    const res = await t.gql(CREATE, { input: { externalId: 'c-1', cardNumber: VISA, cvv: CVV } }, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => e.message)).toEqual([
      'Variable "$input" got invalid value; Field "cardNumber" is not defined by type "CreateCustomerInput".',
      'Variable "$input" got invalid value; Field "cvv" is not defined by type "CreateCustomerInput".',
    ]);
    expectNoCardData(res.body);
  });

  it('drops a card number given to a custom scalar (JSONObject) inside an input object', async () => {
    const res = await t.gql(CREATE, { input: { externalId: 'c-2', metadata: VISA } }, { key: m.key });
    expect(res.errors?.map((e) => e.message)).toEqual(['Variable "$input" got invalid value at "input.metadata"; Expected type "JSONObject".']);
    expectNoCardData(res.body);
  });

  it('drops a card number written as a literal of the wrong type in the query', async () => {
    const res = await t.gql(`{ customers(first: "${VISA}") { edges { node { id } } } }`, undefined, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => e.message)).toEqual(['Expected type "Int".']);
    expectNoCardData(res.body);
  });

  it('drops a card number and CVV from syntax errors', async () => {
    for (const token of [VISA, `"${CVV}"`]) {
      const res = await t.gql(`{ viewer(${token}) { isPartner } }`, undefined, { key: m.key });
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(res.errors?.[0].message).toMatch(/^Syntax Error: Expected Name, found (Int|String)\.$/);
      expectNoCardData(res.body);
    }
  });

  it('drops wrongly typed card number and CVC inside the pay input, naming only their paths', async () => {
    const card = { number: Number(VISA), expMonth: 12, expYear: 2030, cvc: Number(CVV) };
    const res = await t.gql('mutation($input: PayInput!) { pay(input: $input) { userErrors { code } } }', {
      input: { amount: { amount: '10.00', currency: 'EUR' }, source: { card } },
    }, { key: m.key });
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => e.message).sort()).toEqual([
      'Variable "$input" got invalid value at "input.source.card.cvc"; Expected type "String".',
      'Variable "$input" got invalid value at "input.source.card.number"; Expected type "String".',
    ]);
    expectNoCardData(res.body);
  });

  it('keeps the useful part of an error that echoes nothing', async () => {
    const res = await t.gql('mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { userErrors { code } } }', {}, { key: m.key });
    expect(res.errors?.[0].message).toBe('Variable "$input" of required type "CreateCustomerInput!" was not provided.');
  });
});

describe('internal errors are masked and correlated with the log', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => ({ t, m } = await TestApp.withMerchant()));
  afterAll(() => t?.close());

  it('answers a database failure inside a resolver with a masked error whose correlation id is in the log line', async () => {
    await t.em().execute('alter table "customer" rename to "customer_moved_away"');
    try {
      const res = await t.gql('{ customers { edges { node { id } } } }', undefined, { key: m.key });
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ customers: null }); // root fields are nullable: only the failed one is null
      expect(res.errors).toHaveLength(1);
      const [error] = res.errors!;
      expect(error.message).toBe('Internal server error');
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', correlationId: expect.stringMatching(UUID) });
      expect(res.body).not.toMatch(/does not exist|customer_moved_away|select|stack/i);
      const logged = logLines(t).filter((l) => l.correlationId === error.extensions!.correlationId);
      expect(logged).toEqual([expect.objectContaining({ level: 50, msg: 'internal error', reqId: error.extensions!.correlationId })]);
      expect(logged[0].err.message).toMatch(/relation "customer" does not exist/);
    } finally {
      await t.em().execute('alter table "customer_moved_away" rename to "customer"');
    }
  });

  it('answers a database failure while authenticating with a masked 500 whose correlation id is in the log line', async () => {
    // A key never used yet, so authentication must read it (a used key is cached for a few seconds).
    const fresh = await t.merchant(undefined, 'Merchant with an unused key');
    await t.em().execute('alter table "api_key" rename to "api_key_moved_away"');
    try {
      const res = await t.gql('{ viewer { isPartner } }', undefined, { key: fresh.key });
      expect(res.status).toBe(500);
      expect(res.errors).toEqual([{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId: expect.stringMatching(UUID) } }]);
      expect(res.body).not.toMatch(/does not exist|api_key|Context creation/i);
      const logged = logLines(t).filter((l) => l.correlationId === res.errors![0].extensions!.correlationId);
      expect(logged).toHaveLength(1);
      expect(logged[0].err.message).toMatch(/relation "api_key" does not exist/);
      expect(JSON.stringify(logged[0])).not.toContain(m.key);
    } finally {
      await t.em().execute('alter table "api_key_moved_away" rename to "api_key"');
    }
    expect((await t.gql('{ viewer { isPartner } }', undefined, { key: m.key })).status).toBe(200);
  });
});
