import { systemClock, type Clock } from '../kernel/clock';
import { cleanEnv, envSchema, parseEnv, type Env } from './env';

export type { Clock };

/**
 * How long a money movement may hold the database in its phases, and when its idempotency claim counts as
 * abandoned. Phase 1 and phase 3 run under these lock and statement timeouts, so a live owner never waits
 * on the database anywhere near the takeover age.
 */
export interface PhaseTiming {
  takeoverAfterMs: number;
  lockTimeoutMs: number;
  statementTimeoutMs: number;
}

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
    /** A query text seen this many times runs as code compiled by graphql-jit; 0: never (src/server/compiled-execution.ts). */
    compileAfter: number;
  };
  /** Per-instance budgets (see docs/security.md): failed authentication per client address, query cost per key. */
  throttle: { enabled: boolean; authFailuresBurst: number; authFailuresPerMinute: number; costMaximum: number; costRestorePerSecond: number };
  /** /metrics (Prometheus) and OpenTelemetry traces (off unless an exporter is named; see docs/operations.md). */
  observability: { metrics: boolean; tracesExporter: Env['OTEL_TRACES_EXPORTER']; otlpEndpoint?: string; serviceName: string };
  sandboxes: boolean;
  payments: {
    reconcileIntervalMs: number;
    reconcileAfterMs: number;
    providerTimeoutMs: number;
    /** Status queries per row before the reconciler parks it for an operator. */
    reconcileMaxAttempts: number;
    /** When set, replaces each provider's own notFoundFinalAfterMs. */
    notFoundFinalAfterMs?: number;
    /** A payment waiting for the customer (3-D Secure, fee choice) expires this long after it was created. */
    customerActionExpiryMs: number;
    /** Later looks at movements ended by inference: how often, and for how long after they ended. */
    lateSuccessCheckEveryMs: number;
    lateSuccessCheckForMs: number;
    phases: PhaseTiming;
  };
  /**
   * The environment as given, for the variables each provider declares in its own folder (its base URL);
   * src/providers/catalog.ts reads and checks them. With sandboxes on, each sandbox's loopback URL is used.
   */
  providerEnv: Readonly<Record<string, string>>;
  /**
   * Schedules the gateway runs (docs/scheduled-payments.md). `clock` is read at every use, so a test (or an
   * operator's replay tool) may replace it on a running instance.
   */
  scheduling: { intervalMs: number; clock: Clock };
  webhooks: WebhookSettings;
}

/** Delivery of signed webhooks (docs/webhooks.md); tests shorten every duration. */
export interface WebhookSettings {
  sweepIntervalMs: number;
  timeoutMs: number;
  retryBaseMs: number;
  retryMaxDelayMs: number;
  /** A delivery without a 2xx this long after its event is given up (FAILED). */
  retryForMs: number;
  /** An endpoint whose every attempt failed for this long, or this many times in a row, is disabled. */
  disableAfterMs: number;
  disableAfterFailures: number;
  /** After a rotation the previous secret keeps signing this long. */
  rotationOverlapMs: number;
  allowHttpLoopback: boolean;
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
      compileAfter: env.GRAPHQL_COMPILE_AFTER,
    },
    throttle: {
      enabled: env.THROTTLE,
      authFailuresBurst: env.THROTTLE_AUTH_FAILURES_BURST,
      authFailuresPerMinute: env.THROTTLE_AUTH_FAILURES_PER_MINUTE,
      costMaximum: env.THROTTLE_COST_MAXIMUM,
      costRestorePerSecond: env.THROTTLE_COST_RESTORE_PER_SECOND,
    },
    observability: {
      metrics: env.METRICS,
      tracesExporter: env.OTEL_TRACES_EXPORTER,
      otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
      serviceName: env.OTEL_SERVICE_NAME,
    },
    sandboxes: env.SANDBOXES ?? !env.DATABASE_URL,
    payments: {
      reconcileIntervalMs: env.RECONCILE_INTERVAL_MS,
      reconcileAfterMs: env.RECONCILE_AFTER_MS,
      providerTimeoutMs: env.PROVIDER_TIMEOUT_MS,
      reconcileMaxAttempts: env.RECONCILE_MAX_ATTEMPTS,
      notFoundFinalAfterMs: env.NOT_FOUND_FINAL_AFTER_MS,
      customerActionExpiryMs: env.CUSTOMER_ACTION_EXPIRY_MS,
      lateSuccessCheckEveryMs: env.LATE_SUCCESS_CHECK_EVERY_MS,
      lateSuccessCheckForMs: env.LATE_SUCCESS_CHECK_FOR_MS,
      phases: {
        takeoverAfterMs: env.IDEMPOTENCY_TAKEOVER_AFTER_MS,
        lockTimeoutMs: env.PAYMENT_DB_LOCK_TIMEOUT_MS,
        statementTimeoutMs: env.PAYMENT_DB_STATEMENT_TIMEOUT_MS,
      },
    },
    providerEnv: providerVariables(source),
    scheduling: { intervalMs: env.SCHEDULED_PAYMENTS_INTERVAL_MS, clock: systemClock },
    webhooks: {
      sweepIntervalMs: env.WEBHOOK_SWEEP_INTERVAL_MS,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      retryMaxDelayMs: env.WEBHOOK_RETRY_MAX_DELAY_MS,
      retryForMs: env.WEBHOOK_RETRY_FOR_MS,
      disableAfterMs: env.WEBHOOK_DISABLE_AFTER_MS,
      disableAfterFailures: env.WEBHOOK_DISABLE_AFTER_FAILURES,
      rotationOverlapMs: env.WEBHOOK_ROTATION_OVERLAP_MS,
      allowHttpLoopback: env.WEBHOOK_ALLOW_HTTP_LOOPBACK ?? !production,
    },
  };
}

/** Everything but the gateway's own variables, so DATABASE_URL and ENCRYPTION_KEY never travel with it. */
function providerVariables(source: NodeJS.ProcessEnv): Record<string, string> {
  const own = new Set(Object.keys(envSchema.shape));
  return Object.fromEntries(Object.entries(cleanEnv(source)).filter(([name]) => !own.has(name)));
}
