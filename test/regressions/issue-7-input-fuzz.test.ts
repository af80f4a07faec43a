import fc from 'fast-check';
import { rowCounts } from '../support/table-rows';
import { card, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

/**
 * Property-based fuzzing of the two unauthenticated-or-client-facing surfaces: /graphql (as a merchant) and
 * the provider callback route. Fixed seed and bounded runs, so CI sees the same inputs every time.
 * For every request: no 5xx, no error-level log line, and a request answered with an error wrote no row.
 */
const SEED = 20261127;
const RUNS = { graphql: 150, cursors: 60, raw: 60, callbacks: 120 };

/** Pieces that broke the gateway before (NUL, lone surrogates, out-of-range years, card numbers) and friends. */
const PIECES = [
  '\u0000', '\ud800', '\udfff', '\ud83d', '\ud83d\ude00', '\uffff', '\u2028', "'", '"', '\\', '%00', '\\u0000', '\\ud800',
  '4111 1111 1111 1111', '4111\t1111\t1111\t1111', '5555  5555  5555  4444', '-271821-04-20T00:00:00.000Z',
  '0000-01-01T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '00000000-0000-0000-0000-000000000000', '9'.repeat(40),
  ' ', 'null', '{}', '[]', '<script>', 'EUR', '10.00', '-1', '1e309', 'https://shop.example/x', 'cardgateway', 'a@b.co',
];
/** The characters that reached PostgreSQL as 500s, given extra weight so a bounded run meets them often. */
const BREAKERS = ['\u0000', '\ud800', '\udfff', '\ud83d'];
const hostile = fc
  .array(
    fc.oneof(
      { arbitrary: fc.constantFrom(...BREAKERS), weight: 2 },
      { arbitrary: fc.constantFrom(...PIECES), weight: 2 },
      { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 8 }), weight: 1 },
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join(''));
/** Mostly hostile, sometimes plain, so that accepted requests (which may write) are generated too. */
const nasty = fc.oneof({ arbitrary: hostile, weight: 3 }, { arbitrary: fc.stringMatching(/^[a-z0-9-]{1,12}$/), weight: 1 });
/** Percent-encodes every UTF-8 byte: encodeURIComponent throws on a lone surrogate, which the URL then carries as U+FFFD. */
const inPath = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('') || 'x';
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const metadata = fc.dictionary(nasty, fc.oneof(nasty, fc.integer(), fc.constant(null)), { maxKeys: 3 });

const clean = fc.stringMatching(/^[a-z][a-z0-9]{2,11}$/);
/** A valid input with one field replaced by a generated value, so the generated value is what gets checked. */
function oneFieldOf<T extends Record<string, unknown>>(base: fc.Arbitrary<T>, overrides: Record<string, fc.Arbitrary<unknown>>) {
  return fc.tuple(base, fc.constantFrom(...Object.keys(overrides))).chain(([valid, key]) => overrides[key].map((value) => ({ ...valid, [key]: value })));
}
const textOverrides = (keys: string[]) => Object.fromEntries(keys.map((key) => [key, nasty]));

const customer = oneFieldOf(
  fc.record({ externalId: clean, email: clean.map((n) => `${n}@example.com`), firstName: clean, lastName: clean, phone: fc.constant('+44 20 7946 0958'), birthDate: fc.constant('1990-04-30') }),
  { ...textOverrides(['externalId', 'email', 'firstName', 'middleName', 'lastName', 'birthDate', 'phone', 'idempotencyKey']), metadata },
);
const payment = oneFieldOf(
  fc.record({ provider: fc.constant('cardgateway'), amount: fc.constant({ amount: '1.00', currency: 'EUR' }), source: fc.constant({ card: card() }), idempotencyKey: clean }),
  {
    ...textOverrides(['provider', 'description', 'idempotencyKey', 'returnUrl', 'orderId', 'customerId']),
    metadata,
    amount: fc.record({ amount: nasty, currency: fc.constant('EUR') }),
    source: fc.record({ number: fc.oneof(nasty, fc.constant('4111111111111111')), cvc: nasty, holderName: nasty }).map((c) => ({ card: card(c.number, c) })),
  },
);

const OPERATIONS: fc.Arbitrary<{ query: string; variables: Record<string, unknown> }>[] = [
  customer.map((input) => ({ query: 'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code } } }', variables: { input } })),
  fc.tuple(nasty, customer).map(([id, input]) => ({ query: 'mutation($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { id } userErrors { code } } }', variables: { input: { ...input, id } } })),
  oneFieldOf(fc.record({ amount: fc.constant({ amount: '5.00', currency: 'EUR' }), reference: clean }), { ...textOverrides(['reference', 'description', 'customerId', 'idempotencyKey']), metadata }).map((input) => ({
    query: 'mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { code } } }',
    variables: { input },
  })),
  payment.map((input) => ({ query: 'mutation($input: PayInput!) { pay(input: $input) { transaction { id } userErrors { code } } }', variables: { input } })),
  fc.record({ email: maybe(nasty), externalId: maybe(nasty), after: maybe(nasty), createdAfter: maybe(nasty), createdBefore: maybe(nasty), first: fc.integer({ min: -5, max: 500 }) }).map((variables) => ({
    query: 'query($email: String, $externalId: String, $after: String, $createdAfter: DateTimeISO, $createdBefore: DateTimeISO, $first: Int!) { customers(email: $email, externalId: $externalId, after: $after, createdAfter: $createdAfter, createdBefore: $createdBefore, first: $first) { nodes { id } } }',
    variables,
  })),
  fc.record({ reference: maybe(nasty), provider: maybe(nasty), customerId: maybe(nasty), ids: fc.array(nasty, { maxLength: 3 }) }).map(({ ids, ...variables }) => ({
    query: 'query($reference: String, $provider: String, $customerId: ID, $ids: [ID!]!) { orders(reference: $reference, provider: $provider, customerId: $customerId) { nodes { id } } nodes(ids: $ids) { id } }',
    variables: { ...variables, ids },
  })),
];

/** Cursors as a forger makes them: any JSON, any date JavaScript can hold, ids that are nearly uuids. */
const cursor = fc
  .oneof(
    fc.tuple(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), nasty), fc.oneof(fc.uuid(), nasty, fc.constant('0'.repeat(36)))),
    fc.jsonValue(),
  )
  .map((value) => Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url'));

describe('issue 7: fuzzing /graphql and the callback route finds no 5xx, no error log line and no row written by a refused request', () => {
  let f: PaymentsFixture;
  const figures = { inputs: 0, status5xx: 0, errorLogLines: 0, failedRequests: 0, rowsWrittenByFailedRequests: 0 };
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(async () => {
    process.stdout.write(`input fuzz: ${JSON.stringify(figures)}\n`);
    await f?.t.close();
  });

  /** Sends one request and checks the three properties; returns nothing, throws on a violation. */
  async function check(send: () => Promise<{ statusCode: number; body: string }>): Promise<void> {
    figures.inputs++;
    const before = await rowCounts(f.t.em());
    const logsBefore = f.t.logs.length;
    const res = await send();
    const errorLines = f.t.logs.slice(logsBefore).filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    figures.errorLogLines += errorLines.length;
    if (res.statusCode >= 500) figures.status5xx++;
    expect({ status: res.statusCode >= 500 ? res.statusCode : 'ok', errorLines }).toEqual({ status: 'ok', errorLines: [] });
    if (answeredWithError(res)) {
      figures.failedRequests++;
      const after = await rowCounts(f.t.em());
      const written = Object.keys(after).reduce((sum, table) => sum + Math.max(0, after[table] - before[table]), 0);
      figures.rowsWrittenByFailedRequests += written;
      expect({ written, after }).toEqual({ written: 0, after: before });
    }
  }

  const graphql = (payload: unknown, headers: Record<string, string> = {}) => () =>
    f.t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${f.merchant.key}`, ...headers },
      payload: JSON.stringify(payload),
    });

  it('GraphQL operations with generated variables', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(...OPERATIONS), async ({ query, variables }) => check(graphql({ query, variables }))),
      { seed: SEED, numRuns: RUNS.graphql, endOnFailure: true },
    );
  });

  it('crafted cursors on every kind of list', async () => {
    const lists = ['customers', 'orders', 'transactions', 'refunds', 'payouts', 'paymentMethods', 'apiKeys', 'partnerGrants'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...lists), cursor, async (list, after) => check(graphql({ query: `query($after: String) { ${list}(after: $after) { nodes { id } } }`, variables: { after } }))),
      { seed: SEED, numRuns: RUNS.cursors, endOnFailure: true },
    );
  });

  it('raw request bodies: operation names, APQ extensions, literals and headers', async () => {
    const header = fc.stringMatching(/^[\x21-\x7e]{1,40}$/);
    const raw = fc.record({
      query: fc.oneof(nasty, nasty.map((s) => `{ customers(email: ${JSON.stringify(s)}) { nodes { id } } }`)),
      operationName: maybe(nasty),
      variables: maybe(fc.jsonValue()),
      extensions: maybe(fc.record({ persistedQuery: fc.record({ version: fc.oneof(fc.constant(1), fc.integer()), sha256Hash: fc.oneof(nasty, fc.stringMatching(/^[0-9a-f]{64}$/)) }) })),
    });
    await fc.assert(
      fc.asyncProperty(raw, maybe(header), maybe(header), async (payload, idempotencyKey, actingSite) => {
        const headers: Record<string, string> = {};
        if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
        if (actingSite) headers['x-acting-site'] = actingSite;
        await check(graphql(payload, headers));
      }),
      { seed: SEED, numRuns: RUNS.raw, endOnFailure: true },
    );
  });

  it('provider callbacks with generated fields, as JSON, as a form and as raw bytes', async () => {
    const fields = fc.record({ paymentId: nasty, merchantTransactionId: nasty, amount: nasty, currency: nasty, status: nasty, checksum: nasty }, { requiredKeys: [] });
    const body = fc.oneof(
      fields.map((v) => ({ type: 'application/json', payload: JSON.stringify(v) })),
      fields.map((v) => ({ type: 'application/x-www-form-urlencoded', payload: new URLSearchParams(v as Record<string, string>).toString() })),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ type: 'application/octet-stream', payload: Buffer.from(bytes).toString('latin1') })),
    );
    const provider = fc.oneof(fc.constant('cardgateway'), nasty);
    const path = fc.oneof(fc.constant(''), nasty.map((ref) => `/return/${inPath(ref)}`));
    await fc.assert(
      fc.asyncProperty(provider, path, body, async (name, suffix, { type, payload }) =>
        check(() =>
          f.t.app.inject({ method: 'POST', url: `/callbacks/${inPath(name)}${suffix}`, headers: { 'content-type': type }, payload }),
        ),
      ),
      { seed: SEED, numRuns: RUNS.callbacks, endOnFailure: true },
    );
  });

  it('reports the figures', () => {
    expect(figures).toMatchObject({ status5xx: 0, errorLogLines: 0, rowsWrittenByFailedRequests: 0 });
    expect(figures.inputs).toBe(RUNS.graphql + RUNS.cursors + RUNS.raw + RUNS.callbacks);
  });
});

/** An error answer: a non-2xx status, GraphQL errors, userErrors, or a callback result other than applied. */
function answeredWithError(res: { statusCode: number; body: string }): boolean {
  if (res.statusCode >= 300) return true;
  let body: any;
  try {
    body = JSON.parse(res.body);
  } catch {
    return false;
  }
  if (body?.errors?.length) return true;
  if (body?.result && body.result !== 'applied' && body.result !== 'duplicate') return true;
  return Object.values(body?.data ?? {}).some((field: any) => Array.isArray(field?.userErrors) && field.userErrors.length > 0);
}
