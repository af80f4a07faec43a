import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const port = z.coerce.number().int().min(0).max(65535);

/**
 * Every variable the gateway reads. Parsed once at start; anything wrong exits with a message that names
 * the variable and what it expects (see loadConfig).
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(4000),
    PUBLIC_URL: z.url().optional(),
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
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    GRAPHQL_INTROSPECTION: bool.optional(),
    GRAPHQL_PLAYGROUND: bool.optional(),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(10),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().positive().default(15),
    GRAPHQL_MAX_COST: z.coerce.number().int().positive().default(5000),
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().positive().default(2000),
    BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(100_000),
    SANDBOXES: bool.optional(),
    RECONCILE_INTERVAL_MS: z.coerce.number().int().nonnegative().default(30_000),
    RECONCILE_AFTER_MS: z.coerce.number().int().nonnegative().default(15_000),
    PROVIDER_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.ENCRYPTION_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['ENCRYPTION_KEY'],
        message: 'required in production: 64 hex characters (a 32-byte key)',
      });
    }
  });

const SECRET_VARS = new Set(['DATABASE_URL', 'ENCRYPTION_KEY']);

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const got =
        cleaned[name] === undefined ? 'missing' : SECRET_VARS.has(name) ? 'set, value hidden' : `got "${cleaned[name]}"`;
      return `${name}: ${issue.message} (${got})`;
    }),
  );
}
