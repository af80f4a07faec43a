import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEntry, Entry, type Build } from '../support/built-entry';
import { freePort } from '../support/global-setup';

interface Banner {
  graphql: string;
  playground: string;
  merchantKey: string;
  partnerKey: string;
  siteId: string;
}

function parseBanner(stdout: string): Banner {
  const value = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(stdout)?.[1] ?? '';
  return {
    graphql: value('GraphQL'),
    playground: value('Playground'),
    merchantKey: value('Merchant key'),
    partnerKey: value('Partner key'),
    siteId: /X-Acting-Site: (\S+)/.exec(stdout)?.[1] ?? '',
  };
}

async function viewer(url: string, key: string, actingSite?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
  if (actingSite) headers['x-acting-site'] = actingSite;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: '{ viewer { site { id name kind } actingSite { id name } isPartner } }' }),
  });
  return { status: response.status, body: (await response.json()) as { data?: { viewer: any }; errors?: unknown[] } };
}

/** Log lines at error level or above (pino: 50 error, 60 fatal), e.g. a query run on an already closed pool. */
function errorLines(stdout: string): string[] {
  return stdout.split('\n').filter((line) => {
    if (/destroyed/i.test(line)) return true;
    try {
      return (JSON.parse(line) as { level?: number }).level! >= 50;
    } catch {
      return false;
    }
  });
}

async function portRefuses(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

/** Keeps `viewer` requests in flight until stopped; counts how each one ended. */
function loadUntil(stopped: Promise<unknown>, url: string, key: string) {
  const outcomes = { ok: 0, unavailable: 0, refused: 0, other: [] as string[] };
  let done = false;
  void stopped.then(() => (done = true));
  const loop = async () => {
    while (!done) {
      try {
        const { status, body } = await viewer(url, key);
        if (status === 200 && !body.errors) outcomes.ok++;
        else if (status === 503) outcomes.unavailable++;
        else outcomes.other.push(`${status} ${JSON.stringify(body)}`);
      } catch {
        outcomes.refused++;
      }
    }
  };
  return Promise.all(Array.from({ length: 10 }, loop)).then(() => outcomes);
}

const BANNER = /X-Acting-Site: \S+\n/;
const START_MS = 90_000;

describe('the built entry (node dist/src/main.js)', () => {
  let build: Build;
  const temps: string[] = [];
  const entries: Entry[] = [];
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'paygraph-start-'));
    temps.push(dir);
    return dir;
  };
  const run = (env: Record<string, string>) => {
    const entry = new Entry(join(build.dist, 'src/main.js'), env);
    entries.push(entry);
    return entry;
  };

  beforeAll(async () => {
    build = await buildEntry();
  }, 180_000);

  afterAll(async () => {
    for (const entry of entries) {
      entry.signal('SIGTERM');
      await entry.waitForExit(30_000).catch(() => undefined);
    }
    for (const dir of temps) await rm(dir, { recursive: true, force: true });
    await build?.remove();
  }, 60_000);

  it('exits 78 on bad configuration, naming each variable and what it expects, echoing no secret and starting nothing', async () => {
    const dataDir = join(await tempDir(), 'never-created');
    const entry = run({ PORT: 'abc', DATABASE_URL: 'mysql://admin:hunter2@127.0.0.1:1/pay', ENCRYPTION_KEY: 'not-a-key-s3cret', DATA_DIR: dataDir });
    const exit = await entry.waitForExit(30_000);
    expect(exit).toEqual({ code: 78, signal: null });
    expect(entry.stderr).toContain('PORT: a port number from 0 to 65535 (got "abc")');
    expect(entry.stderr).toContain('DATABASE_URL: a postgres:// or postgresql:// connection URL (set, value hidden)');
    expect(entry.stderr).toContain('ENCRYPTION_KEY: 64 hex characters (a 32-byte key) (set, value hidden)');
    expect(entry.stderr + entry.stdout).not.toMatch(/hunter2|s3cret/);
    expect(entry.stdout).toBe('');
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);

  it('exits 78 when production is missing its encryption key', async () => {
    const entry = run({ NODE_ENV: 'production', DATABASE_URL: 'postgres://pay:pw@127.0.0.1:1/pay' });
    expect(await entry.waitForExit(30_000)).toEqual({ code: 78, signal: null });
    expect(entry.stderr).toBe('Invalid configuration:\n  - ENCRYPTION_KEY: required in production: 64 hex characters (a 32-byte key) (missing)\n');
  }, 60_000);

  it('starts on a fresh DATA_DIR, prints working keys, drains and stops cleanly on SIGTERM under load, and restarts with the same keys and data', async () => {
    const dataDir = await tempDir();
    const [httpPort, pgPort] = [await freePort(), await freePort()];
    const env = { DATA_DIR: dataDir, PORT: String(httpPort), EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'info' };

    const first = run(env);
    const banner = parseBanner(await first.waitForOutput(BANNER, START_MS));
    expect(banner.graphql).toBe(`http://127.0.0.1:${httpPort}/graphql`);
    expect(banner.playground).toBe(`http://127.0.0.1:${httpPort}/playground`);
    expect(banner.merchantKey).toMatch(/^pgk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(first.stdout).toContain('"migrations applied"');

    const asMerchant = await viewer(banner.graphql, banner.merchantKey);
    expect(asMerchant.status).toBe(200);
    expect(asMerchant.body.data?.viewer).toMatchObject({ site: { name: 'Demo merchant', kind: 'MERCHANT' }, isPartner: false });
    const asPartner = await viewer(banner.graphql, banner.partnerKey, banner.siteId);
    expect(asPartner.body.data?.viewer).toMatchObject({ site: { name: 'Demo partner', kind: 'PARTNER' }, actingSite: { name: 'Demo merchant' }, isPartner: true });
    expect(asPartner.body.data?.viewer.actingSite.id).toBe(asMerchant.body.data?.viewer.site.id);

    const load = loadUntil(first.exited, banner.graphql, banner.merchantKey);
    await new Promise((r) => setTimeout(r, 500));
    first.signal('SIGTERM');
    expect(await first.waitForExit(30_000)).toEqual({ code: 0, signal: null });
    const outcomes = await load;
    expect(outcomes.ok).toBeGreaterThan(0);
    // Draining means a request either completes, is turned away (503, refused) or never starts: none breaks midway.
    expect(outcomes.other).toEqual([]);
    expect(errorLines(first.stdout)).toEqual([]);
    expect(await portRefuses(pgPort)).toBe(true);
    expect(await portRefuses(httpPort)).toBe(true);
    expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = run(env);
    const again = parseBanner(await second.waitForOutput(BANNER, START_MS));
    expect(again).toEqual(banner);
    expect(second.stdout).not.toContain('"migrations applied"');
    const merchantAgain = await viewer(again.graphql, again.merchantKey);
    expect(merchantAgain.body.data?.viewer).toEqual(asMerchant.body.data?.viewer);
    expect((await viewer(again.graphql, again.partnerKey, again.siteId)).body.data?.viewer).toEqual(asPartner.body.data?.viewer);

    second.signal('SIGINT');
    expect(await second.waitForExit(30_000)).toEqual({ code: 0, signal: null });
    expect(await portRefuses(pgPort)).toBe(true);
  }, 240_000);

  it('on SIGTERM finishes a payment whose client already hung up, records it, logs no error, and only then closes the database', async () => {
    const dataDir = await tempDir();
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()), LOG_LEVEL: 'info' };
    const first = run(env);
    const banner = parseBanner(await first.waitForOutput(BANNER, START_MS));

    // The sandbox's slow card answers after 3 s: the client gives up after 0.5 s and the gateway is stopped right away.
    const hangUp = new AbortController();
    const input = { provider: 'cardgateway', amount: { amount: '19.99', currency: 'EUR' }, source: { card: { number: '4000000000000077', expMonth: 12, expYear: 2099, cvc: '737' } } };
    const pay = fetch(banner.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${banner.merchantKey}` },
      body: JSON.stringify({ query: 'mutation ($input: PayInput!) { pay(input: $input) { transaction { id } } }', variables: { input } }),
      signal: hangUp.signal,
    });
    await new Promise((r) => setTimeout(r, 500));
    hangUp.abort();
    await expect(pay).rejects.toThrow();
    first.signal('SIGTERM');
    expect(await first.waitForExit(30_000)).toEqual({ code: 0, signal: null });
    expect(errorLines(first.stdout)).toEqual([]);

    const second = run(env);
    const again = parseBanner(await second.waitForOutput(BANNER, START_MS));
    const response = await fetch(again.graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${again.merchantKey}` },
      body: JSON.stringify({ query: '{ transactions(first: 5) { nodes { status amount { amount } } } }' }),
    });
    const body = (await response.json()) as { data?: { transactions: { nodes: unknown[] } } };
    expect(body.data?.transactions.nodes).toEqual([{ status: 'SUCCEEDED', amount: { amount: '19.99' } }]);
    second.signal('SIGTERM');
    expect(await second.waitForExit(30_000)).toEqual({ code: 0, signal: null });
  }, 240_000);

  it('says the playground is off instead of printing a dead link when production mode disables it', async () => {
    const httpPort = await freePort();
    const entry = run({ NODE_ENV: 'production', DATA_DIR: await tempDir(), PORT: String(httpPort), EMBEDDED_PG_PORT: String(await freePort()) });
    const stdout = await entry.waitForOutput(BANNER, START_MS);
    expect(stdout).toContain('Playground  off (GRAPHQL_PLAYGROUND=true turns it on)');
    expect((await fetch(`http://127.0.0.1:${httpPort}/playground`)).status).toBe(404);
    entry.signal('SIGTERM');
    expect(await entry.waitForExit(30_000)).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('stops its PostgreSQL again when the HTTP port is taken, and exits 1 saying why', async () => {
    const dataDir = await tempDir();
    const [httpPort, pgPort] = [await freePort(), await freePort()];
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(httpPort, '127.0.0.1', done));
    try {
      const entry = run({ DATA_DIR: dataDir, PORT: String(httpPort), EMBEDDED_PG_PORT: String(pgPort) });
      expect(await entry.waitForExit(START_MS)).toEqual({ code: 1, signal: null });
      expect(entry.stderr).toContain('EADDRINUSE');
      expect(await portRefuses(pgPort)).toBe(true);
      expect(existsSync(join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      await new Promise((done) => blocker.close(done));
    }
  }, 120_000);

  it('says which port and variable to change when the embedded PostgreSQL port is taken', async () => {
    const pgPort = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(pgPort, '127.0.0.1', done));
    try {
      const entry = run({ DATA_DIR: await tempDir(), PORT: String(await freePort()), EMBEDDED_PG_PORT: String(pgPort) });
      expect(await entry.waitForExit(START_MS)).toEqual({ code: 1, signal: null });
      expect(entry.stderr).toContain(`embedded PostgreSQL did not start on 127.0.0.1:${pgPort} (EMBEDDED_PG_PORT`);
      expect(entry.stderr).toContain('Address already in use');
    } finally {
      await new Promise((done) => blocker.close(done));
    }
  }, 120_000);

  (process.getuid?.() === 0 ? it : it.skip)('as root, refuses a DATA_DIR the postgres user cannot reach with a message naming the folder', async () => {
    const privateParent = await tempDir();
    const entry = run({ DATA_DIR: join(privateParent, 'data'), PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) });
    expect(await entry.waitForExit(START_MS)).toEqual({ code: 1, signal: null });
    expect(entry.stderr).toContain(`cannot enter ${privateParent}`);
    expect(entry.stderr).toContain('chmod o+x');
  }, 120_000);
});
