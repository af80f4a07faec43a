import type { Config } from '../config/config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded-postgres';
import { migrate, openOrm, type Orm } from '../db/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CredentialCipher } from '../domain/sites/credentials';
import { PgProviderRecords } from '../domain/inbound/provider-records';
import { unscoped } from '../domain/tenancy';
import { resealLegacyCredentials } from '../domain/sites/reseal-credentials';
import type { AppDeps } from '../graphql/context';
import type { Reconciler } from '../jobs/reconciler';
import { startBackgroundJobs, type BackgroundJobs } from '../jobs/background-jobs';
import { listenForRevocations, verifiedKeys } from '../domain/sites/verified-keys';
import { startProviders, type Providers } from '../providers/catalog';
import { buildApp, type BuiltApp } from '../server/app';
import type { Logger } from '../server/logger';
import { deriveKey, loadEncryptionKey } from './secrets';
import { runShutdownSteps } from './shutdown-steps';

export interface Running {
  deps: AppDeps;
  built: BuiltApp;
  orm: Orm;
  embedded?: EmbeddedDatabase;
  providers: Providers;
  reconciler: Reconciler;
  jobs: BackgroundJobs;
  close(): Promise<void>;
}

/** config → database (embedded unless DATABASE_URL) → migrations → app. Used by main.ts and the tests. */
export async function bootstrap(config: Config, log: Logger): Promise<Running> {
  const embedded = config.database.url
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.database.embeddedPort,
        persistent: true,
        log: (line) => log.debug({ postgres: line }),
      });
  try {
    return await startApp(config, log, embedded, config.database.url ?? embedded!.url);
  } catch (error) {
    // A failed start must not leave the embedded PostgreSQL running behind the exiting process.
    await embedded?.stop();
    throw error;
  }
}

async function startApp(config: Config, log: Logger, embedded: EmbeddedDatabase | undefined, databaseUrl: string): Promise<Running> {
  const orm = await openOrm(databaseUrl, { log: (message) => log.debug({ orm: message }) });
  try {
    return await startOnOrm(config, log, orm, embedded, databaseUrl);
  } catch (error) {
    await orm.close();
    throw error;
  }
}

async function startOnOrm(config: Config, log: Logger, orm: Orm, embedded: EmbeddedDatabase | undefined, databaseUrl: string): Promise<Running> {
  const applied = await migrate(orm);
  if (applied.length) log.info({ applied }, 'migrations applied');
  const master = await loadEncryptionKey(config);
  const cipher = new CredentialCipher(deriveKey(master, 'credentials'));
  const resealed = await resealLegacyCredentials(orm.em.fork() as EntityManager, cipher);
  if (resealed) log.info({ resealed }, 'provider credentials re-sealed to their site (v1 → v2)');
  const providers = await startProviders(config, log);
  providers.registry.useRecords((provider) => new PgProviderRecords(unscoped(orm.em as EntityManager), provider, cipher));
  const deps: AppDeps = {
    config,
    orm,
    log,
    cipher,
    hashKey: deriveKey(master, 'idempotency'),
    providers: providers.registry,
  };
  const built = await buildApp(deps);
  const jobs = await startBackgroundJobs(config, databaseUrl, log, { em: orm.em, hashKey: deps.hashKey, registry: providers.registry, cipher: deps.cipher }).catch(async (error: unknown) => {
    await built.close();
    await providers.close();
    throw error;
  });
  built.metrics?.watchJobQueue(jobs.queue);
  const stopListening = await startRevocationListener(databaseUrl, log);
  const reconciler = jobs.reconciler;
  return {
    deps,
    built,
    orm,
    embedded,
    providers,
    reconciler,
    jobs,
    close: () =>
      runShutdownSteps(log, [
        ['background jobs', () => jobs.stop()],
        ['http server and request drain', () => built.close()],
        ['api key revocation listener', () => stopListening()],
        ['provider sandboxes', () => providers.close()],
        ['database pool', () => orm.close()],
        ['embedded postgresql', async () => embedded?.stop()],
      ]),
  };
}

/** Without it the gateway still runs; it just reads every API key from the database (verified-keys.ts). */
async function startRevocationListener(databaseUrl: string, log: Logger): Promise<() => Promise<void>> {
  const warn = (error: unknown) => log.warn({ error: String(error) }, 'API key revocation listener lost its connection; key cache off until it is back');
  return listenForRevocations(databaseUrl, verifiedKeys, warn).catch((error: unknown) => {
    warn(error);
    return async () => undefined;
  });
}
