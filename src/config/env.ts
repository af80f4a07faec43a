import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'], { error: 'true, false, 1 or 0' })
  .transform((v) => v === 'true' || v === '1');

/** Digits only: Number() would read " " as 0 (a random port), "0x10" as 16 and "1e3" as 1000. */
function integer(min: number, max: number, expected: string) {
  return z
    .string()
    .regex(/^\d+$/, expected)
    .transform(Number)
    .refine((n) => n >= min && n <= max, expected);
}

const port = integer(0, 65535, 'a port number from 0 to 65535');
const positive = integer(1, Number.MAX_SAFE_INTEGER, 'a whole number of at least 1');
const millis = integer(0, Number.MAX_SAFE_INTEGER, 'a whole number of milliseconds (0 or more)');

/**
 * Every variable the gateway itself reads. Parsed once at start; anything wrong exits with a message that
 * names the variable and what it expects (see loadConfig). A provider's own variables (its base URL) are
 * declared in its folder and checked by src/providers/catalog.ts with the same message format.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'development, production or test' }).default('development'),
    HOST: z.string().regex(/^\S+$/, 'a host name or IP address to listen on, e.g. 0.0.0.0').default('127.0.0.1'),
    PORT: port.default(4000),
    PUBLIC_URL: z.url({ error: 'an absolute URL such as https://pay.example.com' }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// connection URL')
      .optional(),
    DATA_DIR: z.string().min(1).default('.data'),
    EMBEDDED_PG_PORT: port.default(54329),
    ENCRYPTION_KEY: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, '64 hex characters (a 32-byte key)')
      .optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'fatal, error, warn, info, debug, trace or silent' })
      .default('info'),
    GRAPHQL_INTROSPECTION: bool.optional(),
    GRAPHQL_PLAYGROUND: bool.optional(),
    GRAPHQL_MAX_DEPTH: positive.default(10),
    GRAPHQL_MAX_ALIASES: positive.default(15),
    GRAPHQL_MAX_COST: positive.default(25_000),
    GRAPHQL_MAX_TOKENS: positive.default(2000),
    GRAPHQL_COMPILE_AFTER: integer(0, 1000, 'a whole number from 0 (never compile) to 1000').default(2),
    BODY_LIMIT_BYTES: positive.default(100_000),
    SANDBOXES: bool.optional(),
    RECONCILE_INTERVAL_MS: millis.default(30_000),
    RECONCILE_AFTER_MS: millis.default(15_000),
    /** How often each instance looks for scheduled payments the gateway must pay now; 0 = only at start. */
    SCHEDULED_PAYMENTS_INTERVAL_MS: millis.default(10_000),
    PROVIDER_TIMEOUT_MS: positive.default(10_000),
    /** Overrides every provider's declared window after which "not found" is final (tests, incidents). */
    NOT_FOUND_FINAL_AFTER_MS: positive.optional(),
    CUSTOMER_ACTION_EXPIRY_MS: positive.default(30 * 60 * 1000),
    RECONCILE_MAX_ATTEMPTS: positive.default(40),
    /** A movement ended by inference ("not found" for the provider's whole window) is asked about again this often… */
    LATE_SUCCESS_CHECK_EVERY_MS: positive.default(60 * 60 * 1000),
    /** …for this long after it ended (0 = never), in case the provider made it after all. */
    LATE_SUCCESS_CHECK_FOR_MS: millis.default(24 * 60 * 60 * 1000),
    IDEMPOTENCY_TAKEOVER_AFTER_MS: positive.default(60_000),
    PAYMENT_DB_LOCK_TIMEOUT_MS: positive.default(5_000),
    PAYMENT_DB_STATEMENT_TIMEOUT_MS: positive.default(10_000),
    /** Webhooks to merchants (docs/webhooks.md): how often each instance looks for due deliveries, and the retry policy. */
    WEBHOOK_SWEEP_INTERVAL_MS: positive.default(1_000),
    WEBHOOK_TIMEOUT_MS: positive.default(10_000),
    WEBHOOK_RETRY_BASE_MS: positive.default(5_000),
    WEBHOOK_RETRY_MAX_DELAY_MS: positive.default(6 * 60 * 60 * 1000),
    WEBHOOK_RETRY_FOR_MS: positive.default(3 * 24 * 60 * 60 * 1000),
    WEBHOOK_DISABLE_AFTER_MS: positive.default(3 * 24 * 60 * 60 * 1000),
    WEBHOOK_DISABLE_AFTER_FAILURES: positive.default(1_000),
    WEBHOOK_ROTATION_OVERLAP_MS: positive.default(24 * 60 * 60 * 1000),
    /** http:// endpoints on loopback (127.0.0.1, ::1, localhost); default on outside production. */
    WEBHOOK_ALLOW_HTTP_LOOPBACK: bool.optional(),
    THROTTLE: bool.default(true),
    THROTTLE_AUTH_FAILURES_BURST: positive.default(100),
    THROTTLE_AUTH_FAILURES_PER_MINUTE: positive.default(60),
    THROTTLE_COST_MAXIMUM: positive.default(250_000),
    THROTTLE_COST_RESTORE_PER_SECOND: positive.default(25_000),
    METRICS: bool.default(true),
    OTEL_TRACES_EXPORTER: z.enum(['none', 'otlp', 'console'], { error: 'none, otlp or console' }).default('none'),
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: 'the collector URL, e.g. http://localhost:4318' }).optional(),
    OTEL_SERVICE_NAME: z.string().min(1).default('paygraph'),
  })
  .superRefine((env, ctx) => {
    // A claim is taken over only once its owner has certainly stopped waiting on the database.
    for (const name of ['PAYMENT_DB_LOCK_TIMEOUT_MS', 'PAYMENT_DB_STATEMENT_TIMEOUT_MS'] as const) {
      if (env[name] * 2 > env.IDEMPOTENCY_TAKEOVER_AFTER_MS) {
        ctx.addIssue({ code: 'custom', path: [name], message: `at most half of IDEMPOTENCY_TAKEOVER_AFTER_MS (${env.IDEMPOTENCY_TAKEOVER_AFTER_MS})` });
      }
    }
    if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.ENCRYPTION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['ENCRYPTION_KEY'],
        message: 'required in production: 64 hex characters (a 32-byte key)',
      });
    }
  }, { when: () => true });

/** Values never echoed in errors: they are, or may embed, credentials (a URL with a password). */
const SECRET_VARS = new Set(['DATABASE_URL', 'ENCRYPTION_KEY']);
const SECRET_NAME = /KEY|SECRET|PASSWORD|PASSPHRASE|TOKEN|CREDENTIAL|PRIVATE/;

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Unset and empty variables are the same thing: absent. */
export function cleanEnv(source: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(source).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

/** One line of a ConfigError: the variable, what it expects, and what it got (hidden when it may be a secret). */
export function problemLine(name: string, message: string, value: string | undefined): string {
  const got = value === undefined ? 'missing' : isSecret(name) ? 'set, value hidden' : `got "${value}"`;
  return `${name}: ${message} (${got})`;
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const cleaned = cleanEnv(source);
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      return problemLine(name, issue.message, cleaned[name]);
    }),
  );
}

function isSecret(name: string): boolean {
  return SECRET_VARS.has(name) || SECRET_NAME.test(name);
}
