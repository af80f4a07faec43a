import { loadConfig } from '../../src/config/config';
import { ConfigError, parseEnv } from '../../src/config/env';
import { PROVIDER_MODULES, startProviders } from '../../src/providers/catalog';
import { createLogger } from '../../src/server/logger';

const KEY = 'ab'.repeat(32);

function problems(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('configuration from the environment', () => {
  it('starts with no variables at all: embedded database, sandboxes, loopback, port 4000', () => {
    const config = loadConfig({});
    expect(config.http).toEqual({ host: '127.0.0.1', port: 4000, publicUrl: undefined, bodyLimitBytes: 100_000 });
    expect(config.database).toEqual({ url: undefined, embeddedPort: 54329 });
    expect(config.sandboxes).toBe(true);
    expect(config.graphql.introspection).toBe(true);
    expect(config.encryptionKey).toBeUndefined();
  });

  it('reads production settings: DATABASE_URL switches sandboxes off, production hides introspection and the playground', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/pay', ENCRYPTION_KEY: KEY, PORT: '8080', HOST: '0.0.0.0' });
    expect(config.database.url).toBe('postgres://u:p@db:5432/pay');
    expect(config.http.port).toBe(8080);
    expect(config.http.host).toBe('0.0.0.0');
    expect(config.sandboxes).toBe(false);
    expect(config.graphql).toMatchObject({ introspection: false, playground: false });
    expect(config.encryptionKey).toEqual(Buffer.from(KEY, 'hex'));
  });

  it('lets explicit switches override the mode defaults', () => {
    const config = loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', GRAPHQL_PLAYGROUND: '1', SANDBOXES: 'false' });
    expect(config.graphql).toMatchObject({ introspection: true, playground: true });
    expect(config.sandboxes).toBe(false);
  });

  it('treats an empty variable as unset, as .env files and compose often produce them', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).http.port).toBe(4000);
  });

  it.each([
    ['PORT', 'abc', 'PORT: a port number from 0 to 65535 (got "abc")'],
    ['PORT', '70000', 'PORT: a port number from 0 to 65535 (got "70000")'],
    ['PORT', '80.5', 'PORT: a port number from 0 to 65535 (got "80.5")'],
    ['PORT', ' ', 'PORT: a port number from 0 to 65535 (got " ")'],
    ['PORT', '0x1F90', 'PORT: a port number from 0 to 65535 (got "0x1F90")'],
    ['EMBEDDED_PG_PORT', '-1', 'EMBEDDED_PG_PORT: a port number from 0 to 65535 (got "-1")'],
    ['NODE_ENV', 'prod', 'NODE_ENV: development, production or test (got "prod")'],
    ['HOST', 'local host', 'HOST: a host name or IP address to listen on, e.g. 0.0.0.0 (got "local host")'],
    ['PUBLIC_URL', 'pay.example.com', 'PUBLIC_URL: an absolute URL such as https://pay.example.com (got "pay.example.com")'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL: fatal, error, warn, info, debug, trace or silent (got "verbose")'],
    ['GRAPHQL_PLAYGROUND', 'yes', 'GRAPHQL_PLAYGROUND: true, false, 1 or 0 (got "yes")'],
    ['GRAPHQL_MAX_DEPTH', '0', 'GRAPHQL_MAX_DEPTH: a whole number of at least 1 (got "0")'],
    ['BODY_LIMIT_BYTES', '1e6', 'BODY_LIMIT_BYTES: a whole number of at least 1 (got "1e6")'],
    ['RECONCILE_INTERVAL_MS', '-5', 'RECONCILE_INTERVAL_MS: a whole number of milliseconds (0 or more) (got "-5")'],
  ])('refuses %s=%p with a message naming the variable and what it expects', (name, value, message) => {
    expect(problems({ [name]: value })).toEqual([message]);
  });

  it('refuses phase database timeouts above half the idempotency takeover age, naming the variable', () => {
    expect(problems({ IDEMPOTENCY_TAKEOVER_AFTER_MS: '10000', PAYMENT_DB_LOCK_TIMEOUT_MS: '6000', PAYMENT_DB_STATEMENT_TIMEOUT_MS: '5000' })).toEqual([
      expect.stringMatching(/^PAYMENT_DB_LOCK_TIMEOUT_MS: at most half of IDEMPOTENCY_TAKEOVER_AFTER_MS/),
    ]);
    expect(loadConfig({}).payments.phases).toEqual({ takeoverAfterMs: 60_000, lockTimeoutMs: 5_000, statementTimeoutMs: 10_000 });
  });

  it('lists every bad variable at once, including a missing one, so one restart fixes them all', () => {
    const list = problems({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/pay', PORT: 'http', LOG_LEVEL: 'loud' });
    expect(list).toEqual([
      'PORT: a port number from 0 to 65535 (got "http")',
      'LOG_LEVEL: fatal, error, warn, info, debug, trace or silent (got "loud")',
      'ENCRYPTION_KEY: required in production: 64 hex characters (a 32-byte key) (missing)',
    ]);
  });

  it('says "missing" for a required secret that is absent in production', () => {
    expect(problems({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db/pay' })).toEqual([
      'ENCRYPTION_KEY: required in production: 64 hex characters (a 32-byte key) (missing)',
    ]);
  });

  it('never echoes a secret value, even a malformed one', () => {
    const error = (() => {
      try {
        parseEnv({ DATABASE_URL: 'mysql://admin:hunter2@db/pay', ENCRYPTION_KEY: 'tooshort-s3cret' });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.problems).toEqual([
      'DATABASE_URL: a postgres:// or postgresql:// connection URL (set, value hidden)',
      'ENCRYPTION_KEY: 64 hex characters (a 32-byte key) (set, value hidden)',
    ]);
    expect(error.message).not.toMatch(/hunter2|s3cret/);
    expect(error.message.startsWith('Invalid configuration:\n  - DATABASE_URL')).toBe(true);
  });

  it('refuses an encryption key that is not exactly 32 bytes of hex', () => {
    expect(problems({ ENCRYPTION_KEY: KEY.slice(2) })).toEqual(['ENCRYPTION_KEY: 64 hex characters (a 32-byte key) (set, value hidden)']);
    expect(problems({ ENCRYPTION_KEY: 'zz' + KEY.slice(2) })).toHaveLength(1);
  });
});

describe('provider variables, declared in each provider folder', () => {
  const log = createLogger('silent');

  it('keeps the gateway secrets out of what providers read, and passes their own variables through', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u:p@db/pay', ENCRYPTION_KEY: KEY, SOME_PROVIDER_BASE_URL: 'https://p.example' });
    expect(config.providerEnv).toEqual({ SOME_PROVIDER_BASE_URL: 'https://p.example' });
  });

  it.each(PROVIDER_MODULES.map((m) => [m.key, m.config.baseUrlVariable]))('stops the start when %s has a base URL that is not a URL, naming %s', async (_key, variable) => {
    const config = loadConfig({ SANDBOXES: 'false', [variable]: 'not a url' });
    const error = await startProviders(config, log).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([expect.stringMatching(new RegExp(`^${variable}: .* \\(got "not a url"\\)$`))]);
  });

  it('registers a provider at its configured base URL when sandboxes are off, and leaves out one without', async () => {
    const [first] = PROVIDER_MODULES;
    const configured = await startProviders(loadConfig({ SANDBOXES: 'false', [first.config.baseUrlVariable]: 'https://psp.example' }), log);
    expect(configured.registry.list().map((p) => p.key)).toContain(first.key);
    const bare = await startProviders(loadConfig({ SANDBOXES: 'false' }), log);
    expect(bare.registry.list()).toEqual([]);
  });
});
