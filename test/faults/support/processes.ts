import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { buildEntry, Entry, type Build } from '../../support/built-entry';
import { freePort } from '../../support/global-setup';

export { buildEntry, type Build };

/** The cardgateway sandbox in a process of its own: its records outlive every gateway the test kills. */
export interface SandboxProcess {
  url: string;
  entry: Entry;
  stop(): Promise<void>;
}

export async function startSandboxProcess(build: Build): Promise<SandboxProcess> {
  const entry = new Entry(join(build.dist, 'src/providers/cardgateway/sandbox/main.js'), { SANDBOX_PORT: '0' });
  const stdout = await entry.waitForOutput(/listening at (\S+)\n/, 30_000);
  const url = /listening at (\S+)\n/.exec(stdout)![1]!;
  return { url, entry, stop: () => stopEntry(entry) };
}

/**
 * How one gateway is started, every time the same way: the built entry, production mode, the test's database,
 * the external sandbox, a fixed port (so PUBLIC_URL, where notifications go, stays right across restarts) and
 * short recovery intervals.
 */
export interface GatewaySpec {
  databaseUrl: string;
  sandboxUrl: string;
  port: number;
  encryptionKey: string;
  env: Record<string, string>;
}

export const RECOVERY_ENV = {
  PROVIDER_TIMEOUT_MS: '2000',
  RECONCILE_INTERVAL_MS: '500',
  RECONCILE_AFTER_MS: '1000',
  // A killed owner's key is closed by the next sweep after this long (heartbeats keep a live one open).
  IDEMPOTENCY_TAKEOVER_AFTER_MS: '4000',
  PAYMENT_DB_LOCK_TIMEOUT_MS: '2000',
  PAYMENT_DB_STATEMENT_TIMEOUT_MS: '2000',
};

export async function gatewaySpec(databaseUrl: string, sandboxUrl: string, env: Record<string, string> = {}): Promise<GatewaySpec> {
  return { databaseUrl, sandboxUrl, port: await freePort(), encryptionKey: randomBytes(32).toString('hex'), env: { ...RECOVERY_ENV, ...env } };
}

export class GatewayProcess {
  private constructor(readonly entry: Entry, readonly url: string) {}

  static async start(build: Build, spec: GatewaySpec): Promise<GatewayProcess> {
    const url = `http://127.0.0.1:${spec.port}`;
    const entry = new Entry(join(build.dist, 'src/main.js'), {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: spec.databaseUrl,
      ENCRYPTION_KEY: spec.encryptionKey,
      SANDBOXES: 'false',
      CARDGATEWAY_BASE_URL: spec.sandboxUrl,
      HOST: '127.0.0.1',
      PORT: String(spec.port),
      PUBLIC_URL: url,
      ...spec.env,
    });
    const gateway = new GatewayProcess(entry, url);
    await gateway.waitReady(60_000);
    return gateway;
  }

  get graphql(): string {
    return `${this.url}/graphql`;
  }

  /** The fault: no shutdown, no drain, nothing written after this instant. */
  async kill(): Promise<void> {
    this.entry.signal('SIGKILL');
    await this.entry.waitForExit(10_000);
  }

  stop(): Promise<void> {
    return stopEntry(this.entry);
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.entry.exited.then(() => (exited = true));
    for (;;) {
      if (exited) throw new Error(`gateway exited before it was ready:\n${this.entry.stdout}\n${this.entry.stderr}`);
      const ok = await fetch(`${this.url}/readyz`).then((r) => r.status === 200, () => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`gateway not ready within ${timeoutMs} ms:\n${this.entry.stdout}\n${this.entry.stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function stopEntry(entry: Entry): Promise<void> {
  entry.signal('SIGTERM');
  await entry.waitForExit(30_000).catch(() => undefined);
}
