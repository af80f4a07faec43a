import { cleanEnv, envSchema, parseEnv, type Env } from './env';

export interface Config {
  env: Env['NODE_ENV'];
  http: { host: string; port: number; publicUrl?: string; bodyLimitBytes: number };
  /** No DATABASE_URL → PostgreSQL runs embedded with its data under dataDir. */
  database: { url?: string; embeddedPort: number };
  dataDir: string;
  /** 32-byte key for provider credentials at rest; the embedded default makes one under dataDir. */
  encryptionKey?: Buffer;
  logLevel: Env['LOG_LEVEL'];
  graphql: {
    introspection: boolean;
    playground: boolean;
    maxDepth: number;
    maxAliases: number;
    maxCost: number;
    maxTokens: number;
  };
  sandboxes: boolean;
  payments: { reconcileIntervalMs: number; reconcileAfterMs: number; providerTimeoutMs: number };
  /**
   * The environment as given, for the variables each provider declares in its own folder (its base URL);
   * src/providers/catalog.ts reads and checks them. With sandboxes on, each sandbox's loopback URL is used.
   */
  providerEnv: Readonly<Record<string, string>>;
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const env = parseEnv(source);
  const production = env.NODE_ENV === 'production';
  return {
    env: env.NODE_ENV,
    http: { host: env.HOST, port: env.PORT, publicUrl: env.PUBLIC_URL, bodyLimitBytes: env.BODY_LIMIT_BYTES },
    database: { url: env.DATABASE_URL, embeddedPort: env.EMBEDDED_PG_PORT },
    dataDir: env.DATA_DIR,
    encryptionKey: env.ENCRYPTION_KEY ? Buffer.from(env.ENCRYPTION_KEY, 'hex') : undefined,
    logLevel: env.LOG_LEVEL,
    graphql: {
      introspection: env.GRAPHQL_INTROSPECTION ?? !production,
      playground: env.GRAPHQL_PLAYGROUND ?? !production,
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
      maxCost: env.GRAPHQL_MAX_COST,
      maxTokens: env.GRAPHQL_MAX_TOKENS,
    },
    sandboxes: env.SANDBOXES ?? !env.DATABASE_URL,
    payments: {
      reconcileIntervalMs: env.RECONCILE_INTERVAL_MS,
      reconcileAfterMs: env.RECONCILE_AFTER_MS,
      providerTimeoutMs: env.PROVIDER_TIMEOUT_MS,
    },
    providerEnv: providerVariables(source),
  };
}

/** Everything but the gateway's own variables, so DATABASE_URL and ENCRYPTION_KEY never travel with it. */
function providerVariables(source: NodeJS.ProcessEnv): Record<string, string> {
  const own = new Set(Object.keys(envSchema.shape));
  return Object.fromEntries(Object.entries(cleanEnv(source)).filter(([name]) => !own.has(name)));
}
