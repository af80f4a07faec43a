import { card, startPaymentsFixture, type PaymentsFixture } from '../payments/payments-fixture';
import { baseUrl, CREATE_CLIENT_TOKEN, newClientToken, newOrder, runTrusted, send, trustedHash } from './client-token-fixture';

const SHOP = 'http://shop.example.test:8080';
const PAN = '5555555555554444';
const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('client tokens over HTTP: a browser may tokenize, pay its order and read it, and nothing else', () => {
  let f: PaymentsFixture;
  let orderId: string;
  let token: string;
  beforeAll(async () => {
    f = await startPaymentsFixture();
    orderId = await newOrder(f, 'ct-1', '30.00');
    token = await newClientToken(f, { orderId, allowedOrigins: [SHOP], expiresInSeconds: 600 });
  });
  afterAll(() => f?.t.close());

  async function tokenize(withToken = token): Promise<string> {
    const res = await runTrusted(f, withToken, 'TokenizeCard', { input: { provider: 'cardgateway', card: card(PAN) } }, SHOP);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.tokenizeCard.userErrors).toEqual([]);
    return res.body.data.tokenizeCard.paymentMethod.id;
  }

  it('is created by a server key, shown once with its prefix, and lives at most an hour', async () => {
    expect(token).toMatch(/^pgct_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const tooLong = await f.gql(CREATE_CLIENT_TOKEN, { input: { orderId, allowedOrigins: [SHOP], expiresInSeconds: 3601 } });
    expect(tooLong.data!.createClientToken.userErrors[0]).toMatchObject({ field: ['input', 'expiresInSeconds'] });
    const badOrigin = await f.gql(CREATE_CLIENT_TOKEN, { input: { orderId, allowedOrigins: ['https://shop.example.test/checkout'] } });
    expect(badOrigin.data!.createClientToken.userErrors[0]).toMatchObject({ code: 'INVALID_ORIGIN', field: ['input', 'allowedOrigins', '0'] });
    const rows = await f.t.em().execute(`select secret_hash from client_token`);
    expect(JSON.stringify(rows)).not.toContain(token.split('_')[2]);
  });

  it('tokenizes a card into a single-use method that pays the order once, never above its balance', async () => {
    const methodId = await tokenize();
    const over = await runTrusted(f, token, 'Pay', { input: { orderId, source: { paymentMethodId: methodId }, amount: eur('30.01') } }, SHOP);
    expect(over.body.data.pay.userErrors[0].code).toBe('AMOUNT_EXCEEDS_ORDER_BALANCE');
    const paid = await runTrusted(f, token, 'Pay', { input: { orderId, source: { paymentMethodId: methodId }, amount: eur('10.00') } }, SHOP);
    expect(paid.body.data.pay.userErrors).toEqual([]);
    expect(paid.body.data.pay.transaction.status).toBe('SUCCEEDED');
    expect(paid.headers['access-control-allow-origin']).toBe(SHOP);
    const again = await runTrusted(f, token, 'Pay', { input: { orderId, source: { paymentMethodId: methodId }, amount: eur('10.00') } }, SHOP);
    expect(again.body.data.pay.userErrors[0]).toMatchObject({ code: 'INVALID_STATE', field: ['input', 'source', 'paymentMethodId'] });
    expect(again.body.data.pay.userErrors[0].message).toContain('single-use');
    const order = await runTrusted(f, token, 'Order', { id: orderId }, SHOP);
    expect(order.body.data.order.transactions.nodes.map((t: { status: string }) => t.status)).toEqual(['SUCCEEDED']);
    const txn = await runTrusted(f, token, 'Transaction', { id: paid.body.data.pay.transaction.id }, SHOP);
    expect(txn.body.data.transaction.status).toBe('SUCCEEDED');
  });

  it('lets only one of two payments racing with the same single-use method through', async () => {
    const raceOrder = await newOrder(f, 'ct-race', '50.00');
    const raceToken = await newClientToken(f, { orderId: raceOrder, allowedOrigins: [SHOP] });
    const methodId = await tokenize(raceToken);
    const input = (key: string) => ({ input: { orderId: raceOrder, source: { paymentMethodId: methodId }, amount: eur('5.00'), idempotencyKey: key } });
    const results = await Promise.all([runTrusted(f, raceToken, 'Pay', input('race-a'), SHOP), runTrusted(f, raceToken, 'Pay', input('race-b'), SHOP)]);
    const statuses = results.map((r) => r.body.data.pay.transaction?.status ?? r.body.data.pay.userErrors[0].code).sort();
    expect(statuses).toEqual(['INVALID_STATE', 'SUCCEEDED']);
    const rows = await f.t.em().execute(`select count(*)::int as n from transaction t join "order" o on o.id = t.order_id where o.reference = 'ct-race'`);
    expect(rows[0].n).toBe(1);
  });

  it('refuses another order, other operations and card data in pay with FORBIDDEN saying what client tokens cannot do', async () => {
    const other = await newOrder(f, 'ct-other');
    const read = await runTrusted(f, token, 'Order', { id: other }, SHOP);
    expect(read.status).toBe(403);
    expect(read.body.errors[0]).toMatchObject({ message: 'client tokens can read only the order they name', extensions: { code: 'FORBIDDEN' } });
    const methodId = await tokenize();
    const pay = await runTrusted(f, token, 'Pay', { input: { orderId: other, source: { paymentMethodId: methodId }, amount: eur('1.00') } }, SHOP);
    expect(pay.body.errors[0]).toMatchObject({ message: 'client tokens can pay only the order they name', extensions: { code: 'FORBIDDEN' } });
    const withCard = await runTrusted(f, token, 'Pay', { input: { orderId, source: { card: card(PAN) }, amount: eur('1.00') } }, SHOP);
    expect(withCard.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const list = await runTrusted(f, token, 'Orders', {}, SHOP);
    expect(list.body.errors[0]).toMatchObject({ message: expect.stringMatching(/^client tokens cannot run orders/), extensions: { code: 'FORBIDDEN' } });
    const capture = await runTrusted(f, token, 'CapturePayment', { input: { transactionId: 'x' } }, SHOP);
    expect(capture.body.errors[0].message).toMatch(/^client tokens cannot run capturePayment/);
    const mint = await runTrusted(f, token, 'CreateClientToken', { input: { allowedOrigins: [SHOP] } }, SHOP);
    expect(mint.body.errors[0].message).toMatch(/^client tokens cannot run createClientToken/);
  });

  it('refuses a document that is not registered, before it runs, with PERSISTED_QUERY_NOT_TRUSTED', async () => {
    const url = `${baseUrl(f)}/graphql`;
    const headers = { authorization: `Bearer ${token}`, origin: SHOP };
    const adHoc = await send(url, { headers, body: { query: `query($id: ID!) { order(id: $id) { id } }`, variables: { id: orderId } } });
    expect(adHoc.status).toBe(403);
    expect(adHoc.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_TRUSTED');
    const unknownHash = await send(url, { headers, body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } } });
    expect(unknownHash.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_TRUSTED');
    const get = await send(`${url}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: trustedHash('Order') } }))}`, { method: 'GET', headers: { ...headers, 'apollo-require-preflight': '1' } });
    expect(get.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_TRUSTED');
  });

  it('answers CORS only for the token\'s origins (preflight included) and refuses a request from another origin', async () => {
    const url = `${baseUrl(f)}/graphql`;
    const preflight = (origin: string) => send(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    const allowed = await preflight(SHOP);
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(SHOP);
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('authorization');
    const evil = await preflight('http://evil.example.test');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
    const fromEvil = await runTrusted(f, token, 'Order', { id: orderId }, 'http://evil.example.test');
    expect(fromEvil.status).toBe(403);
    expect(fromEvil.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(fromEvil.headers['access-control-allow-origin']).toBeUndefined();
    const server = await send(url, { headers: { authorization: `Bearer ${f.merchant.key}`, origin: SHOP }, body: { query: '{ viewer { site { id } } }' } });
    expect(server.status).toBe(200);
    expect(server.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses an expired token on its next request (401)', async () => {
    const shortLived = await newClientToken(f, { orderId, allowedOrigins: [SHOP], expiresInSeconds: 1 });
    expect((await runTrusted(f, shortLived, 'Order', { id: orderId }, SHOP)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const expired = await runTrusted(f, shortLived, 'Order', { id: orderId }, SHOP);
    expect(expired.status).toBe(401);
    expect(expired.body.errors[0]).toMatchObject({ message: 'invalid or expired client token', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('keeps the card number out of every table and log line', async () => {
    const em = f.t.em();
    const tables = await em.execute<{ table_name: string }[]>(`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`);
    for (const { table_name } of tables) {
      const dump = await em.execute<{ row: string }[]>(`select row_to_json(t)::text as row from "${table_name}" t`);
      for (const { row } of dump) expect(row).not.toContain(PAN);
    }
    const methods = await em.execute(`select single_use, used_at is not null as used, last4 from payment_method`);
    expect(methods).toContainEqual({ single_use: true, used: true, last4: '4444' });
    expect(f.t.logs.join('\n')).not.toContain(PAN);
  });
});
