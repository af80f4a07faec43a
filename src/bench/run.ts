import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { migrate, openOrm } from '../db/orm';
import { CredentialCipher } from '../domain/sites/credentials';
import { deriveKey } from '../app/secrets';
import { formatTable, measure, type Case, type Load, type Measured } from './cases';
import { checkSameData, VIEWER_QUERY, ORDERS_QUERY } from './queries';
import { freePort, startChild, type Child } from './processes';
import { summarizeProfiles } from './profile-summary';
import { seed, seedPayer } from './seed';
import { gatewayMemory } from './memory';
import { runWriteCase, WRITE_KINDS, type WriteSetup } from './write-run';
import type { WriteKind } from './write-cases';

const SHAPE = { orders: numberFrom('BENCH_ORDERS', 200), methodsPerCustomer: 2, transactionsPerOrder: 3 };
const LOAD: Load = {
  connections: numberFrom('BENCH_CONNECTIONS', 10),
  durationSeconds: numberFrom('BENCH_SECONDS', 10),
  warmupSeconds: numberFrom('BENCH_WARMUP_SECONDS', 2),
};
/** A folder: the gateway runs under `--cpu-prof` and the summary of its profile is printed at the end. */
const PROFILE_DIR = process.env.BENCH_PROFILE || undefined;
/** The gateway's LOG_LEVEL: warn by default; info measures the cost of a log line per request. */
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL || 'warn';
/**
 * Comma-separated: `viewer`, `orders` (reads), `pay`, `capture`, `refund` (writes) and `rate` (pay at a fixed
 * offered rate, BENCH_RATE per second); all by default. A profile of one case is easier to read.
 */
const CASES = (process.env.BENCH_CASES || 'viewer,orders,pay,capture,refund,rate').split(',').map((c) => c.trim());
const RATE = numberFrom('BENCH_RATE', 100);

function numberFrom(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name}: a whole number, got "${value}"`);
  return Number(value);
}

/**
 * `npm run bench`: the gateway (built entry, production mode) and a plain Fastify + pg baseline, both on one
 * embedded PostgreSQL in a temporary folder, measured with autocannon over loopback. Everything started here
 * is stopped and deleted at the end, also when a step fails.
 */
async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'paygraph-bench-'));
  const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  const children: Child[] = [];
  try {
    const encryptionKey = randomBytes(32).toString('hex');
    const orm = await openOrm(db.url, { log: () => undefined });
    await migrate(orm);
    const cipher = new CredentialCipher(deriveKey(Buffer.from(encryptionKey, 'hex'), 'credentials'));
    const seeded = await seed(orm.em.fork(), cipher, SHAPE);
    const payers = { gateway: await seedPayer(orm.em.fork(), cipher, 'Gateway payer'), baseline: await seedPayer(orm.em.fork(), cipher, 'Baseline payer') };
    await orm.close();
    const sandbox = await startChild(join(__dirname, '..', 'providers', 'cardgateway', 'sandbox', 'main.js'), {}, '/__sandbox/payments', { portEnv: 'SANDBOX_PORT' });
    children.push(sandbox);
    const env = { DATABASE_URL: db.url, ENCRYPTION_KEY: encryptionKey, NODE_ENV: 'production', LOG_LEVEL, SANDBOXES: 'false', CARDGATEWAY_BASE_URL: sandbox.url };
    const nodeArgs = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [];
    const gateway = await startChild(join(__dirname, '..', 'main.js'), env, '/readyz', { nodeArgs });
    children.push(gateway);
    const baseline = await startChild(join(__dirname, 'baseline-server.js'), { DATABASE_URL: db.url, ENCRYPTION_KEY: encryptionKey, CARDGATEWAY_BASE_URL: sandbox.url }, '/healthz');
    children.push(baseline);
    const auth = { authorization: `Bearer ${seeded.apiKey}` };
    await checkSameData(gateway.url, baseline.url, auth);
    const memory = [`gateway memory at start: ${await gatewayMemory(gateway.url)}`];
    const rows: Measured[] = [];
    const pairs: [string, string][] = [];
    for (const c of cases(gateway.url, baseline.url, auth)) {
      process.stderr.write(`measuring ${c.name} (${LOAD.warmupSeconds} s warm-up + ${LOAD.durationSeconds} s)\n`);
      rows.push(await measure(c, LOAD));
      memory.push(`after ${c.name}: ${await gatewayMemory(gateway.url)}`);
    }
    const setup: WriteSetup = { databaseUrl: db.url, sandboxUrl: sandbox.url, gateway: { url: gateway.url, ...payers.gateway }, baseline: { url: baseline.url, ...payers.baseline } };
    const writes: [WriteKind, number | undefined][] = [...WRITE_KINDS.filter((k) => CASES.includes(k)).map((k) => [k, undefined] as [WriteKind, undefined]), ...(CASES.includes('rate') ? [['pay', RATE] as [WriteKind, number]] : [])];
    for (const [kind, rate] of writes) {
      const measured = await runWriteCase(setup, kind, LOAD, rate);
      rows.push(...measured.rows);
      pairs.push(measured.pair);
      memory.push(`after ${measured.pair[0]}: ${await gatewayMemory(gateway.url)}`);
    }
    printReport(rows, pairs);
    process.stdout.write(`\n${memory.join('\n')}\n`);
  } finally {
    for (const child of children) await child.stop();
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  // The gateway writes its profile when it exits, so it is read after the stop above.
  if (PROFILE_DIR) process.stdout.write(`\n${await summarizeProfiles(PROFILE_DIR)}\n`);
}

function cases(gatewayUrl: string, baselineUrl: string, auth: Record<string, string>): Case[] {
  const graphql = (query: string) => ({
    url: `${gatewayUrl}/graphql`,
    method: 'POST' as const,
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const all: (Case & { group: string })[] = [
    { group: 'viewer', name: 'gateway viewer', ...graphql(VIEWER_QUERY) },
    { group: 'viewer', name: 'baseline viewer', url: `${baselineUrl}/viewer`, method: 'GET', headers: auth },
    { group: 'orders', name: 'gateway orders(first: 50)', ...graphql(ORDERS_QUERY) },
    { group: 'orders', name: 'baseline orders?first=50', url: `${baselineUrl}/orders?first=50`, method: 'GET', headers: auth },
  ];
  return all.filter((c) => CASES.includes(c.group));
}

function printReport(rows: Measured[], writePairs: [string, string][]): void {
  const header =
    `paygraph benchmark: Node ${process.version}, ${cpus().length} CPU(s), ${LOAD.connections} connections, ` +
    `${LOAD.durationSeconds} s per case after ${LOAD.warmupSeconds} s warm-up; gateway LOG_LEVEL=${LOG_LEVEL}; ${SHAPE.orders} orders, ` +
    `each with a customer, ${SHAPE.methodsPerCustomer} saved cards and ${SHAPE.transactionsPerOrder} transactions`;
  const pairs: [string, string][] = [
    ['gateway viewer', 'baseline viewer'],
    ['gateway orders(first: 50)', 'baseline orders?first=50'],
  ];
  const table = formatTable(rows, [...pairs.filter(([gateway]) => rows.some((r) => r.name === gateway)), ...writePairs]);
  process.stdout.write(`\n${header}\n\n${table}\n`);
  // A case that completed no request at all measured nothing: the smoke run relies on this to fail.
  if (rows.some((r) => r.failed > 0 || r.total === 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
