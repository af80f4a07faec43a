import { money } from '../../../src/kernel/money';
import { cardGatewayModule } from '../../../src/providers/cardgateway';
import { API } from '../../../src/providers/cardgateway/sandbox/server';
import { createProviderHttp } from '../../../src/providers/http/provider-http';
import { createLogger } from '../../../src/server/logger';
import { card, MERCHANT, ref, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => h.sandbox.state.resetFaults());

const sale = (reference = ref()) =>
  h.provider.payments.pay({ reference, amount: money(100n, 'EUR'), capture: true, source: { type: 'card', card: card() }, returnUrl: `${h.listener.url}/r`, notificationUrl: `${h.listener.url}/n` });
const tokenCalls = () => h.sandbox.state.requestsTo('/authToken').length;

async function rawToken(): Promise<string> {
  const body = new URLSearchParams({ 'authentication.partnerId': MERCHANT.partnerId, 'merchant.username': MERCHANT.username, 'authentication.sKey': MERCHANT.secureKey });
  const response = await fetch(`${h.sandbox.baseUrl}${API}/authToken`, { method: 'POST', body });
  return ((await response.json()) as { AuthToken: string }).AuthToken;
}

describe('card gateway adapter against its sandbox: authToken and checksums', () => {
  it('fetches an authToken once and reuses it for later calls', async () => {
    const before = tokenCalls();
    await sale();
    await sale();
    await sale();
    expect(tokenCalls() - before).toBeLessThanOrEqual(1);
  });

  it('issues the documented token answer for form-encoded credentials', async () => {
    const body = new URLSearchParams({ 'authentication.partnerId': MERCHANT.partnerId, 'merchant.username': MERCHANT.username, 'authentication.sKey': MERCHANT.secureKey });
    const response = await fetch(`${h.sandbox.baseUrl}${API}/authToken`, { method: 'POST', body });
    const json = (await response.json()) as Record<string, any>;
    expect(json).toMatchObject({ memberId: MERCHANT.memberId, LoginName: MERCHANT.username, result: { code: '200', description: 'Token generated successfully' } });
    expect(JSON.parse(Buffer.from(json.AuthToken.split('.')[1], 'base64url').toString())).toMatchObject({ iss: 'PZ' });
  });

  it('gets a new token when the platform answers 401 for an expired one, and the payment goes through once', async () => {
    await sale();
    const before = tokenCalls();
    await fetch(`${h.sandbox.baseUrl}/__sandbox/expire-tokens`, { method: 'POST' });
    const reference = ref();
    expect(await sale(reference)).toMatchObject({ status: 'succeeded' });
    expect(tokenCalls() - before).toBe(1);
    expect(h.sandbox.state.requestsTo('/payments').filter((r) => r.body['merchantTransactionId'] === reference)).toHaveLength(2);
    expect(h.sandbox.state.chargeCount(reference)).toBe(1);
  });

  it('renews a token before its own expiry time instead of waiting for a 401', async () => {
    h.sandbox.state.knobs.tokenTtlMs = 1_000;
    await fetch(`${h.sandbox.baseUrl}/__sandbox/expire-tokens`, { method: 'POST' });
    await sale();
    const before = tokenCalls();
    const statusBefore = h.sandbox.state.requests.filter((r) => r.path.endsWith('/payments')).length;
    await sale();
    expect(tokenCalls() - before).toBe(1);
    expect(h.sandbox.state.requests.filter((r) => r.path.endsWith('/payments')).length - statusBefore).toBe(1);
  });

  it('answers 401 to a request without a token', async () => {
    const response = await fetch(`${h.sandbox.baseUrl}${API}/payments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ result: { code: '30003' } });
  });

  it('rejects a payment whose checksum was made with the wrong key, and charges nothing', async () => {
    const token = await rawToken();
    const reference = ref();
    const body = {
      'authentication.memberId': MERCHANT.memberId,
      'authentication.checksum': '0123456789abcdef0123456789abcdef',
      merchantTransactionId: reference,
      amount: '10.00',
      currency: 'EUR',
      paymentType: 'DB',
      'card.number': '4111111111111111',
      'card.expiryMonth': '12',
      'card.expiryYear': '2099',
      'card.cvv': '123',
    };
    const response = await fetch(`${h.sandbox.baseUrl}${API}/payments`, { method: 'POST', headers: { 'content-type': 'application/json', AuthToken: token }, body: JSON.stringify(body) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ result: { code: '30002', description: 'Checksum mismatch' } });
    expect(h.sandbox.state.chargeCount(reference)).toBe(0);
  });

  it('reports credentials the platform refuses as a final error naming no secret', async () => {
    const stranger = cardGatewayModule.create({
      siteId: 's',
      credentials: { ...MERCHANT, secureKey: 'not-the-key' },
      baseUrl: h.sandbox.baseUrl,
      publicUrl: h.listener.url,
      http: createProviderHttp({ provider: 'cardgateway', timeoutMs: 2000, log: createLogger('silent') }),
    });
    const error = await stranger.payments.status({ operation: 'payment', reference: 'r', amount: money(1n, 'EUR') }).then(() => new Error('no error'), (e: unknown) => e as Error);
    expect(error).toMatchObject({ kind: 'final', code: 'INVALID_CREDENTIALS' });
    expect(error.message).not.toContain('not-the-key');
  });

  it('refuses to build an adapter from incomplete credentials', () => {
    expect(() => cardGatewayModule.create({ siteId: 's', credentials: { memberId: '1' }, baseUrl: 'http://127.0.0.1:1', publicUrl: '', http: createProviderHttp({ provider: 'cardgateway', timeoutMs: 10, log: createLogger('silent') }) })).toThrow(/partnerId/);
  });
});
