import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres';
import { freePort } from '../support/global-setup';
import { card, eventually, gql, newKey, PAY, setKnobs, sleep, type GqlAnswer } from './support/client';
import { buildEntry, GatewayProcess, gatewaySpec, startSandboxProcess, type Build, type SandboxProcess } from './support/processes';
import { Scenario, type ScenarioSummary } from './support/scenario';
import { seedMerchant } from './support/seed';

const IN_FLIGHT = 10;
const DURING_OUTAGE = 4;
const OUTAGE_MS = 3_000;

const payInput = (key: string) => ({
  input: { provider: 'cardgateway', amount: { amount: '25.00', currency: 'EUR' }, card: card('4111111111111111'), idempotencyKey: key },
});

const settled = (a: GqlAnswer) => a.status === 200 && !a.errors?.length && !a.data?.pay?.userErrors?.length && !!a.data?.pay?.transaction;

/**
 * PostgreSQL stopped and started again under load. Its own embedded PostgreSQL (the shared test cluster is not
 * touched), the gateway and the sandbox as processes. Payments are in flight at the provider when the database
 * goes; more arrive during the outage; after the restart the client retries each unanswered one with its key,
 * and every payment must settle once, as the provider has it.
 */
describe('PostgreSQL stopped and restarted with payments in flight', () => {
  let build: Build;
  let sandbox: SandboxProcess;
  let pg: EmbeddedDatabase;
  let gateway: GatewayProcess | undefined;
  let dataDir: string;
  let summary: ScenarioSummary;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'paygraph-faults-pg-'));
    const port = await freePort();
    const startPg = () => startEmbeddedPostgres({ dataDir, port, persistent: true });
    [build, pg] = await Promise.all([buildEntry(), startPg()]);
    sandbox = await startSandboxProcess(build);
    const spec = await gatewaySpec(pg.url, sandbox.url);
    const merchant = await seedMerchant(pg.url, spec.encryptionKey);
    gateway = await GatewayProcess.start(build, spec);
    const scenario = await Scenario.begin('PostgreSQL stopped and restarted under load', { databaseUrl: pg.url, sandboxUrl: sandbox.url, siteId: merchant.siteId });
    const pay = (key: string) => gql(gateway!.graphql, merchant.apiKey, PAY, payInput(key), 20_000);

    // Every payment spends 1.5 s at the provider, so the database goes away while they are in flight.
    await setKnobs(sandbox.url, { latencyMs: 1_500 });
    const keys = Array.from({ length: IN_FLIGHT + DURING_OUTAGE }, () => newKey('pg'));
    const first = keys.slice(0, IN_FLIGHT).map((key) => pay(key));
    await sleep(500);
    await pg.stop();
    scenario.inject();
    const during = await Promise.all(keys.slice(IN_FLIGHT).map((key) => pay(key)));
    await sleep(OUTAGE_MS);
    pg = await startPg();
    await setKnobs(sandbox.url, { latencyMs: 0 });
    const answers = [...(await Promise.all(first)), ...during];
    for (const a of during) if (a.status === 500) scenario.violate('a request during the outage was answered 500, not 503 with Retry-After');

    // The client retries each payment it has no settled answer for, with the same key, as docs/idempotency.md says.
    const unanswered = keys.filter((_, i) => !settled(answers[i]!));
    for (const key of unanswered) {
      const last = await eventually(async () => {
        const a = await pay(key);
        return settled(a) ? a : undefined;
      }, 15_000, 1_000);
      if (!last) scenario.violate(`payment ${key} never got a settled answer to a same-key retry`);
    }
    if (gateway.entry.stdout.includes('paygraph failed') || (await Promise.race([gateway.entry.exited, sleep(0)]))) scenario.violate('the gateway exited');
    summary = await scenario.finish();
  }, 200_000);

  afterAll(async () => {
    await gateway?.stop();
    await sandbox?.stop();
    await pg?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await build?.remove();
  }, 60_000);

  it('settles every payment once, as the provider has it, with no row or key left open and no 500 answered', () => {
    expect(summary.violations).toEqual([]);
  });
});
