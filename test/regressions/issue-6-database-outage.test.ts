import { TestApp, type TestSite } from '../support/app';
import { createTestDatabase } from '../support/database';
import { TcpProxy } from '../support/tcp-proxy';

// A read that needs the database: a cached key's viewer does not (its site comes with the key, docs/auth.md).
const READ = `{ orders(first: 1) { nodes { id } } }`;

/** Issue 6, item 13: while the database is unreachable the gateway answered 500; a client must be told to come back. */
describe('issue 6 (13): a database outage is answered 503 with Retry-After', () => {
  let t: TestApp;
  let m: TestSite;
  let proxy: TcpProxy;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
    const url = new URL(db.url);
    proxy = await TcpProxy.start(url.hostname, Number(url.port));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    t = await TestApp.start({ DATABASE_URL: url.toString(), RECONCILE_INTERVAL_MS: '0' });
    m = await t.merchant();
  });
  afterAll(async () => {
    proxy?.restore();
    await t?.close();
    await proxy?.close();
    await db?.drop();
  });

  it('answers 503 with Retry-After and a stable code while the database is cut, and 200 again once it is back', async () => {
    expect((await t.gql(READ, {}, { key: m.key })).status).toBe(200);
    proxy.cut();
    const down = await t.gql(READ, {}, { key: m.key });
    expect(down.status).toBe(503);
    expect(Number(down.headers['retry-after'])).toBeGreaterThan(0);
    expect(down.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/unavailable/i), extensions: { code: 'SERVICE_UNAVAILABLE' } })]);
    proxy.restore();
    const deadline = Date.now() + 10_000;
    let back = await t.gql(READ, {}, { key: m.key });
    while (back.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      back = await t.gql(READ, {}, { key: m.key });
    }
    expect(back.status).toBe(200);
  });
});
