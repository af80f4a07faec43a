import { toGlobalId } from '../../../src/graphql/common/global-id';
import { CREATE_APP_TOKEN, DapiHarness, postJson } from './harness';
import { MobileApp } from './mobile-app';

jest.setTimeout(60_000);

let h: DapiHarness;
let app: MobileApp;
beforeAll(async () => {
  h = await DapiHarness.start();
  const customer = await h.customer();
  app = new MobileApp(h, await h.appToken(customer.id, 'SM-G990-01'), 'SM-G990-01');
});
afterAll(() => h?.close());

const gateway = (path: string) => `${h.gatewayUrl}/providers/payneteasy${path}`;

/** A check exactly as Payneteasy would send it for this initiated session and token. */
function checkBody(initiated: { session: { nonce: string; signature: string } }, token: string, change: (b: any) => void = () => undefined) {
  const body = { consumer: { device: { serialNumber: app.serialNumber } }, session: { accessToken: app.accessToken, nonce: initiated.session.nonce, signature: initiated.session.signature, token } };
  change(body);
  return body;
}

const documentedError = (invoiceId?: string) => ({ error: { cause: 'INVALID_REQUEST', code: expect.stringMatching(/^[0-9a-f-]{36}$/), message: expect.any(String) }, ...(invoiceId ? { invoiceId } : {}) });

describe('Payneteasy DAPI merchant-server endpoints refuse what is not theirs', () => {
  it('refuses a check with a tampered nonce or signature, in the documented error shape, and records nothing', async () => {
    const { body: initiated } = await app.initiate('sale', { currency: 'EUR', amountCentis: 1000 });
    const url = gateway(`/sale/${initiated.invoiceId}/check`);
    const token = 'c0ffee00-1111-4222-8333-444455556666';
    // Always another last character: a nonce that already ended in X once made this test send the real nonce.
    const nonce = await postJson(url, checkBody(initiated, token, (b) => (b.session.nonce = `${b.session.nonce.slice(0, -1)}${b.session.nonce.endsWith('X') ? 'Y' : 'X'}`)));
    expect(nonce).toEqual({ status: 401, body: documentedError(initiated.invoiceId) });
    const signature = await postJson(url, checkBody(initiated, token, (b) => (b.session.signature = b.session.signature.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A')))));
    expect(signature).toEqual({ status: 401, body: documentedError(initiated.invoiceId) });
    const serial = await postJson(url, checkBody(initiated, token, (b) => (b.consumer.device.serialNumber = 'ANOTHER-DEVICE')));
    expect(serial.status).toBe(401);
    const rows = await h.em().getConnection().execute(`select data from provider_record where kind = 'dapi-session' and key = ?`, [initiated.invoiceId]);
    expect(rows[0].data.token).toBeUndefined();
  });

  it("answers the genuine check, the same check again with the same answer, and refuses another token as a replay", async () => {
    const { body: initiated } = await app.initiate('verification', { currency: 'EUR' });
    const url = gateway(`/verification/${initiated.invoiceId}/check`);
    const first = await postJson(url, checkBody(initiated, 'aaaaaaaa-1111-4222-8333-444455556666'));
    expect(first.status).toBe(200);
    expect(first.body.session).toMatchObject({ nonce: initiated.session.nonce, token: 'aaaaaaaa-1111-4222-8333-444455556666' });
    const again = await postJson(url, checkBody(initiated, 'aaaaaaaa-1111-4222-8333-444455556666'));
    expect(again).toEqual(first);
    const replay = await postJson(url, checkBody(initiated, 'bbbbbbbb-1111-4222-8333-444455556666'));
    expect(replay).toEqual({ status: 400, body: documentedError(initiated.invoiceId) });
    expect(replay.body.error.message).toBe('this session has already been checked');
  });

  it('refuses a check of the wrong flow and of an unknown invoice', async () => {
    const { body: initiated } = await app.initiate('sale', { currency: 'EUR', amountCentis: 500 });
    const wrongFlow = await postJson(gateway(`/transfer/${initiated.invoiceId}/check`), checkBody(initiated, 'cccccccc-1111-4222-8333-444455556666'));
    expect(wrongFlow.status).toBe(401);
    const unknown = await postJson(gateway(`/sale/00000000-0000-4000-8000-000000000000/check`), checkBody(initiated, 'cccccccc-1111-4222-8333-444455556666'));
    expect(unknown.status).toBe(401);
  });

  it('refuses an initiate whose access token is bound to another device, or unknown', async () => {
    const otherDevice = new MobileApp(h, app.accessToken, 'NOT-THE-DEVICE');
    expect(await otherDevice.initiate('sale', { currency: 'EUR', amountCentis: 100 })).toEqual({ status: 401, body: documentedError() });
    const unknownToken = new MobileApp(h, 'x'.repeat(43), app.serialNumber);
    expect((await unknownToken.initiate('sale', { currency: 'EUR', amountCentis: 100 })).status).toBe(401);
  });

  it('refuses a sale without an amount, a verification with one, and a lowercase currency, naming the field', async () => {
    const noAmount = await app.initiate('sale', { currency: 'EUR' });
    expect(noAmount).toEqual({ status: 400, body: documentedError() });
    expect(noAmount.body.error.message).toContain('transaction.amountCentis');
    expect((await app.initiate('verification', { currency: 'EUR', amountCentis: 100 })).status).toBe(400);
    const currency = await app.initiate('transfer', { currency: 'eur', amountCentis: 100 });
    expect(currency.body.error.message).toContain('transaction.currency');
  });

  it('answers a retried Initiate with the same Idempotency-Key with the same invoice and nonce; another body with the key is a conflict', async () => {
    const key = { 'idempotency-key': 'app-retry-1' };
    const first = await app.initiate('transfer', { currency: 'EUR', amountCentis: 2500 }, key);
    const retry = await app.initiate('transfer', { currency: 'EUR', amountCentis: 2500 }, key);
    expect(retry).toEqual(first);
    const other = await app.initiate('transfer', { currency: 'EUR', amountCentis: 2600 }, key);
    expect(other).toEqual({ status: 409, body: documentedError() });
    const rows = await h.em().getConnection().execute(`select count(*)::int as n from provider_record where kind = 'dapi-session' and data->>'amountCentis' in ('2500', '2600')`);
    expect(rows[0].n).toBe(1);
  });

  it('refuses a body over 16 KiB with 413 and broken JSON with 400, both in the documented shape', async () => {
    const big = await postJson(gateway('/transfer/initiate-sale'), { padding: 'x'.repeat(17 * 1024) });
    expect(big).toEqual({ status: 413, body: documentedError() });
    const broken = await postJson(gateway('/transfer/initiate-sale'), '{"session": ');
    expect(broken).toEqual({ status: 400, body: documentedError() });
  });

  it('refuses a card-mapping notification for a session token it never checked', async () => {
    const forged = await postJson(gateway('/sale/notification'), {
      consumer: { device: { serialNumber: app.serialNumber } },
      session: { accessToken: app.accessToken, token: 'dddddddd-1111-4222-8333-444455556666' },
      sourceCard: { bin: 411111, reference: { serverCardId: 'sc-forged', uniqueReferenceCardId: 1 } },
    });
    expect(forged).toEqual({ status: 401, body: documentedError() });
    const rows = await h.em().getConnection().execute(`select count(*)::int as n from payment_method where provider_token = 'sc-forged'`);
    expect(rows[0].n).toBe(0);
  });

  it('Payneteasy (the sandbox) refuses a Perform whose initiate signature was tampered with', async () => {
    const { body: initiated } = await app.initiate('sale', { currency: 'EUR', amountCentis: 700 });
    const tampered = { ...initiated, session: { ...initiated.session, signature: initiated.session.signature.toLowerCase() } };
    const performed = await app.perform('sale', tampered, { number: '4111111111111111' }, { amountCentis: 700 });
    expect(performed.status).toBe(400);
    expect(performed.body.error).toMatchObject({ cause: 'INVALID_REQUEST', message: 'session.signature does not match' });
    const wrongAmount = await app.perform('sale', initiated, { number: '4111111111111111' }, { amountCentis: 701 });
    expect(wrongAmount.body.error.message).toBe('session.signature does not match');
  });
});

describe('createAppAccessToken: the merchant server asks the gateway for the app token', () => {
  it('issues a token once per call and refuses an unknown customer and a provider without inbound routes', async () => {
    const customer = await h.customer('carol@example.com');
    const gql = (input: Record<string, unknown>) => h.t.gql(CREATE_APP_TOKEN, { input }, { key: h.apiKey });
    const ok = await gql({ provider: 'payneteasy', customerId: toGlobalId('Customer', customer.id), deviceId: 'CAROL-PHONE' });
    expect(ok.data?.createAppAccessToken).toMatchObject({ accessToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresAt: expect.any(String), userErrors: [] });
    const rows = await h.em().getConnection().execute(`select token_hash from app_access_token where device_id = 'CAROL-PHONE'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toBe(ok.data?.createAppAccessToken.accessToken);
    const unknown = await gql({ provider: 'payneteasy', customerId: toGlobalId('Customer', '00000000-0000-4000-8000-000000000000'), deviceId: 'X' });
    expect(unknown.data?.createAppAccessToken.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'customerId'], message: 'no such customer' }]);
    const unsupported = await gql({ provider: 'cardgateway', customerId: toGlobalId('Customer', customer.id), deviceId: 'X' });
    expect(unsupported.data?.createAppAccessToken.userErrors[0]).toMatchObject({ code: 'UNSUPPORTED_BY_PROVIDER' });
  });
});

describe('inbound routes under concurrency and expiry', () => {
  it('runs five concurrent Initiates with one Idempotency-Key once: one session, every answer the first or "still running"', async () => {
    const key = { 'idempotency-key': 'burst-1' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => app.initiate('sale', { currency: 'EUR', amountCentis: 1234 }, key)));
    const ok = answers.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok.map((a) => a.body.invoiceId)).size).toBe(1);
    for (const a of answers.filter((x) => x.status !== 200)) expect(a).toMatchObject({ status: 503, body: { error: { cause: 'SERVER_UNAVAILABLE' } } });
    const rows = await h.em().getConnection().execute(`select count(*)::int as n from provider_record where kind = 'dapi-session' and data->>'amountCentis' = '1234'`);
    expect(rows[0].n).toBe(1);
    expect(await app.initiate('sale', { currency: 'EUR', amountCentis: 1234 }, key)).toEqual(ok[0]);
  });

  it('refuses an access token after it expired, and a check after its session expired', async () => {
    const customer = await h.customer('dave@example.com');
    const dave = new MobileApp(h, await h.appToken(customer.id, 'DAVE-PHONE'), 'DAVE-PHONE', 'dave@example.com');
    const { body: initiated } = await dave.initiate('verification', { currency: 'EUR' });
    const conn = h.em().getConnection();
    await conn.execute(`update provider_record set data = jsonb_set(data, '{expiresAt}', '"2020-01-01T00:00:00.000Z"') where key = ?`, [initiated.invoiceId]);
    const check = await postJson(gateway(`/verification/${initiated.invoiceId}/check`), {
      consumer: { device: { serialNumber: 'DAVE-PHONE' } },
      session: { accessToken: dave.accessToken, nonce: initiated.session.nonce, signature: initiated.session.signature, token: 'eeeeeeee-1111-4222-8333-444455556666' },
    });
    expect(check.status).toBe(401);
    await conn.execute(`update app_access_token set expires_at = now() - interval '1 second' where device_id = 'DAVE-PHONE'`);
    expect((await dave.initiate('verification', { currency: 'EUR' })).status).toBe(401);
  });
});
