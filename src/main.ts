import 'reflect-metadata';
import { loadConfig } from './config/config';
import { ConfigError } from './config/env';
import { DEMO_MERCHANT } from './providers/cardgateway/sandbox/server';
import { bootstrap } from './server/bootstrap';
import { ensureDemo } from './server/demo-seed';
import { createLogger } from './server/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const running = await bootstrap(config, log);
  const { app } = running.built;
  const address = await app.listen({ host: config.http.host, port: config.http.port });
  const shutdown = async () => {
    log.info('shutting down');
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  if (running.embedded) {
    const demo = await ensureDemo(running.orm.em.fork(), running.deps.cipher, config.dataDir, { cardgateway: { ...DEMO_MERCHANT } });
    printBanner(address, demo);
  } else {
    log.info({ address }, 'paygraph listening');
  }
}

function printBanner(address: string, demo: { siteId: string; merchantKey: string; partnerKey: string }): void {
  const lines = [
    '',
    'paygraph is running (embedded PostgreSQL, provider sandboxes on loopback)',
    `  GraphQL     ${address}/graphql`,
    `  Playground  ${address}/playground`,
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
