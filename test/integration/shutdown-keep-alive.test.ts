import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { API, startCardGatewaySandbox } from '../../src/providers/cardgateway/sandbox/server';
import type { AddressInfo } from 'node:net';
import { PAY, card, startPaymentsFixture } from './payments/payments-fixture';

/**
 * A server closing while a request is in flight on a keep-alive connection: Fastify waits for the connection,
 * and after the answer it sits idle until the keep-alive timeout (72 s) unless the answer says
 * `Connection: close`. Every gateway and sandbox shutdown (and every test's afterAll) used to take that long
 * whenever a callback or status query was in flight at the time.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function closeDuring(request: () => Promise<Response>, close: () => Promise<void>): Promise<{ closedMs: number; answer: Response }> {
  const answered = request();
  await sleep(300);
  const started = Date.now();
  await close();
  return { closedMs: Date.now() - started, answer: await answered };
}

describe('closing a server while a keep-alive request is in flight', () => {
  it('a provider sandbox answers the request, then closes without waiting for the keep-alive timeout', async () => {
    const sandbox = await startCardGatewaySandbox();
    sandbox.state.knobs.latencyMs = 1_500;
    const { closedMs, answer } = await closeDuring(() => fetch(`${sandbox.baseUrl}${API}/authToken`, { method: 'POST', body: new URLSearchParams({}) }), () => sandbox.close());
    expect(closedMs).toBeLessThan(15_000);
    expect(answer.headers.get('connection')).toBe('close');
  }, 120_000);

  it('the gateway answers the payment in flight, then closes without waiting for the keep-alive timeout', async () => {
    const f = await startPaymentsFixture();
    try {
      const address = f.t.app.server.address() as AddressInfo;
      f.sandbox.state.knobs.latencyMs = 1_500;
      const pay = () =>
        fetch(`http://127.0.0.1:${address.port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${f.merchant.key}` },
          body: JSON.stringify({ query: PAY, variables: { input: { provider: 'cardgateway', amount: { amount: '5.00', currency: 'EUR' }, source: { card: card() } } } }),
        });
      const { closedMs, answer } = await closeDuring(pay, () => f.t.stop());
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { data: { pay: { transaction: { status: string } } } }).data.pay.transaction.status).toBe('SUCCEEDED');
      expect(closedMs).toBeLessThan(15_000);
      expect(answer.headers.get('connection')).toBe('close');
    } finally {
      await f.t.close();
    }
  }, 120_000);

  it('every Fastify server in src closes keep-alive connections on shutdown', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    const servers = files('src').filter((file) => file.endsWith('.ts') && /\bFastify\(/.test(readFileSync(file, 'utf8')) && !file.startsWith('src/bench'));
    expect(servers.length).toBeGreaterThanOrEqual(5);
    expect(servers.filter((file) => !readFileSync(file, 'utf8').includes('closeKeepAliveOnShutdown('))).toEqual([]);
  });
});
