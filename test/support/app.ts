import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config/config';
import { Scope } from '../../src/domain/sites/api-key.entity';
import { ALL_SCOPES, SiteService } from '../../src/domain/sites/site.service';
import { SiteKind, type Site } from '../../src/domain/sites/site.entity';
import { bootstrap, type Running } from '../../src/app/bootstrap';
import { createLogger } from '../../src/server/logger';
import { createTestDatabase } from './database';

export interface GqlOptions {
  key?: string;
  actingSite?: string;
  headers?: Record<string, string>;
}

export interface GqlResult<T = Record<string, any>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: string[] }[];
  body: string;
  headers: Record<string, unknown>;
}

export interface TestSite {
  site: Site;
  key: string;
}

/** A started app with one merchant site holding every scope: the setup most test files share. */
export interface MerchantFixture {
  t: TestApp;
  m: TestSite;
}

/**
 * The production wiring (bootstrap: migrations, app, real PostgreSQL) on a fresh database per test file.
 * Logs are captured in memory so tests can assert on them (and scan them for card data).
 */
export class TestApp {
  readonly logs: string[] = [];
  private stopped?: Promise<void>;
  private constructor(
    readonly running: Running,
    private readonly dropDb: () => Promise<void>,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    const db = await createTestDatabase();
    const config: Config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'info',
      SANDBOXES: 'true',
      // The webhook outbox sweep runs every second on every instance and shares the ORM, so its statement would
      // land in the SQL-counting tests at random. Webhook tests pass FAST_WEBHOOKS (test/support/webhooks.ts).
      WEBHOOK_SWEEP_INTERVAL_MS: '3600000',
      // Production compiles a query text the second time it is seen; tests compile at once, so every query a test
      // sends that selects a list runs on the compiled executor (src/server/compiled-execution.ts).
      GRAPHQL_COMPILE_AFTER: '1',
      ...env,
    });
    const logs: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    const running = await bootstrap(config, createLogger(config.logLevel, sink as never));
    const app = new TestApp(running, db.drop);
    (app as { logs: string[] }).logs = logs;
    return app;
  }

  /** `beforeAll(async () => ({ t, m } = await TestApp.withMerchant()))`, with env as for start. */
  static async withMerchant(env: Record<string, string> = {}): Promise<MerchantFixture> {
    const t = await TestApp.start(env);
    return { t, m: await t.merchant() };
  }

  get app() {
    return this.running.built.app;
  }

  /** A fresh EntityManager, for reading rows back the way another request would. */
  em(): EntityManager {
    return this.running.orm.em.fork() as EntityManager;
  }

  sites(): SiteService {
    return new SiteService(this.em(), this.running.deps.cipher);
  }

  async merchant(scopes: Scope[] = ALL_SCOPES, name = 'Merchant'): Promise<TestSite> {
    const sites = this.sites();
    const site = await sites.createSite(name, SiteKind.MERCHANT);
    return { site, key: (await sites.createApiKey(site, `${name} key`, scopes)).plaintext };
  }

  async partner(name = 'Partner', scopes: Scope[] = ALL_SCOPES): Promise<TestSite> {
    const sites = this.sites();
    const site = await sites.createSite(name, SiteKind.PARTNER);
    return { site, key: (await sites.createApiKey(site, `${name} key`, scopes)).plaintext };
  }

  async gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options: GqlOptions = {}): Promise<GqlResult<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (options.key) headers.authorization = `Bearer ${options.key}`;
    if (options.actingSite) headers['x-acting-site'] = options.actingSite;
    const response = await this.app.inject({ method: 'POST', url: '/graphql', headers, payload: JSON.stringify({ query, variables }) });
    const parsed = safeJson(response.body);
    return { status: response.statusCode, data: parsed?.data, errors: parsed?.errors, body: response.body, headers: response.headers };
  }

  /**
   * Another gateway instance on this app's database, as behind a load balancer: the same encryption key, no
   * sandboxes of its own (env names the provider URLs it reaches, e.g. CARDGATEWAY_BASE_URL: the first's
   * sandbox), quiet logs. The caller closes it before this app.
   */
  async secondInstance(env: Record<string, string>): Promise<Running> {
    const first = this.running.deps.config;
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: first.database.url!,
      ENCRYPTION_KEY: first.encryptionKey!.toString('hex'),
      SANDBOXES: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    });
    return bootstrap(config, createLogger(config.logLevel, new Writable({ write: (_c, _e, done) => done() }) as never));
  }

  /** Shuts the app down the way SIGTERM does (drain, then close the ORM), keeping its database to read back. */
  stop(): Promise<void> {
    if (!this.stopped) {
      const watch = this.watchStop();
      this.stopped = this.running.close().finally(() => clearInterval(watch));
    }
    return this.stopped;
  }

  /**
   * A close that hangs fails its afterAll with only "Exceeded timeout … for a hook". The gateway logs which
   * shutdown step is still running (runShutdownSteps); this puts those lines on stderr, where CI shows them.
   */
  private watchStop(): NodeJS.Timeout {
    const started = Date.now();
    const timer = setInterval(() => {
      const stuck = this.logs.filter((line) => line.includes('shutdown step still running')).slice(-1);
      process.stderr.write(`[TestApp.close] still closing after ${Date.now() - started} ms: ${stuck.join('') || 'no step named yet\n'}`);
    }, 15_000);
    timer.unref();
    return timer;
  }

  async close(): Promise<void> {
    await this.stop();
    await this.dropDb();
  }
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export { Scope, ALL_SCOPES };
