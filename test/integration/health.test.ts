import { connect, createServer, type Server, type Socket } from 'node:net';
import { READY_TIMEOUT_MS } from '../../src/server/health';
import { TestApp } from '../support/app';
import { createTestDatabase } from '../support/database';

type Mode = 'pass' | 'blackhole';

/**
 * A TCP hop between the gateway and PostgreSQL that a test can cut: `stop()` closes it so connections are
 * refused, 'blackhole' accepts and then never answers (a network partition), 'pass' forwards again.
 */
class DatabaseLink {
  mode: Mode = 'pass';
  private readonly sockets = new Set<Socket>();
  private server?: Server;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(port = 0): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((done) => this.server!.listen(port, '127.0.0.1', done));
    return (this.server.address() as { port: number }).port;
  }

  private accept(client: Socket): void {
    this.sockets.add(client);
    client.once('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    if (this.mode === 'blackhole') return;
    const upstream = connect(this.target);
    this.sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    upstream.once('close', () => client.destroy());
    client.once('close', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  }

  /** Cuts every open connection, so pooled clients notice and reconnect. */
  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    this.cutAll();
    await new Promise((done) => this.server?.close(done));
  }
}

describe('health probes', () => {
  let t: TestApp;
  let link: DatabaseLink;
  let linkPort: number;
  let dropDb: () => Promise<void>;

  beforeAll(async () => {
    const db = await createTestDatabase();
    dropDb = db.drop;
    const url = new URL(db.url);
    link = new DatabaseLink({ host: url.hostname, port: Number(url.port) });
    linkPort = await link.start();
    url.port = String(linkPort);
    t = await TestApp.start({ DATABASE_URL: url.toString() });
  });
  afterAll(async () => {
    await t?.close();
    await link?.stop();
    await dropDb?.();
  });

  const probe = async (path: string) => {
    const started = Date.now();
    const response = await t.app.inject({ method: 'GET', url: path });
    return { status: response.statusCode, body: response.json(), ms: Date.now() - started };
  };

  it('answers /healthz and /readyz with 200 and no API key while the database is up', async () => {
    expect(await probe('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await probe('/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('answers /readyz 503 when the database refuses connections, while /healthz stays 200', async () => {
    await link.stop();
    try {
      const ready = await probe('/readyz');
      expect(ready).toMatchObject({ status: 503, body: { status: 'unavailable', reason: 'database unreachable' } });
      expect(await probe('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    } finally {
      await link.start(linkPort);
    }
  });

  it('answers /readyz 503 within its time limit when the database stops answering (network partition)', async () => {
    link.mode = 'blackhole';
    link.cutAll();
    try {
      const ready = await probe('/readyz');
      expect(ready).toMatchObject({
        status: 503,
        body: { status: 'unavailable', reason: `database did not answer within ${READY_TIMEOUT_MS} ms` },
      });
      expect(ready.ms).toBeGreaterThanOrEqual(READY_TIMEOUT_MS - 50);
      expect(ready.ms).toBeLessThan(READY_TIMEOUT_MS + 1_500);
    } finally {
      link.mode = 'pass';
      link.cutAll();
    }
  });

  it('becomes ready again by itself once the database is back, without a restart', async () => {
    let ready = await probe('/readyz');
    for (let i = 0; i < 20 && ready.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      ready = await probe('/readyz');
    }
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('keeps probe requests out of the info-level request log', async () => {
    const before = t.logs.length;
    await probe('/healthz');
    await probe('/readyz');
    expect(t.logs.slice(before).filter((line) => /healthz|readyz/.test(line))).toEqual([]);
  });
});
