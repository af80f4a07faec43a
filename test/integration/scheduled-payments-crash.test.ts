import { idOf } from '../../src/graphql/common/global-id';
import { chargesAt } from './payments/payments-fixture';
import { createTestDatabase } from '../support/database';
import { PgSession } from '../support/pg-session';
import { eventually, gql, setFaults, sleep } from '../faults/support/client';
import { buildEntry, GatewayProcess, gatewaySpec, startSandboxProcess, type Build, type GatewaySpec, type SandboxProcess } from '../faults/support/processes';
import { seedMerchants } from '../faults/support/seed';
import { eur, historyTypes, SCHEDULE, SCHEDULED } from '../support/scheduled-payments';

const CREATE_METHOD = `mutation($input: CreatePaymentMethodInput!) { createPaymentMethod(input: $input) { paymentMethod { id } } }`;
const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }`;

/**
 * The gateway (the built entry, a process of its own, on the real clock) is SIGKILLed at the due time of a
 * schedule it runs: one schedule's payment was at the provider (charged, its answer held) when the process
 * died, another fell due while no gateway ran. After the restart each is paid exactly once: the first by
 * resolving the payment it began (the reconciler asks the provider; the run after the lease reads the result),
 * never by paying again; the second by the first sweep.
 */
describe('a gateway killed at the due time of scheduled payments it runs', () => {
  let build: Build;
  let db: { url: string; drop(): Promise<void> };
  let sandbox: SandboxProcess;
  let spec: GatewaySpec;
  let gateway: GatewayProcess;
  let pg: PgSession;
  let key: string;
  const as = (query: string, variables: Record<string, unknown>) => gql(gateway.graphql, key, query, variables, 20_000);
  /** A step that must work: when it does not, the failure shows the answer and the gateway's last log lines. */
  const must = async (query: string, variables: Record<string, unknown>) => {
    const answer = await as(query, variables);
    if (!answer.data) throw new Error(`no data in the answer: ${JSON.stringify(answer)}\ngateway log:\n${gateway.entry.stdout.slice(-3000)}\n${gateway.entry.stderr.slice(-3000)}`);
    return answer as typeof answer & { data: Record<string, any> };
  };

  beforeAll(async () => {
    build = await buildEntry();
    db = await createTestDatabase();
    sandbox = await startSandboxProcess(build);
    spec = await gatewaySpec(db.url, sandbox.url, { SCHEDULED_PAYMENTS_INTERVAL_MS: '300' });
    [{ apiKey: key }] = await seedMerchants(db.url, spec.encryptionKey, 1);
    gateway = await GatewayProcess.start(build, spec);
    pg = await PgSession.open(db.url);
  }, 240_000);
  afterAll(async () => {
    await pg?.close();
    await gateway?.stop();
    await sandbox?.stop();
    await db?.drop();
    await build?.remove();
  }, 60_000);

  const scheduleIn = async (ms: number, method: string) => {
    const order = (await must(CREATE_ORDER, { input: { reference: `crash-${ms}ms-${Date.now().toString(36)}`, amount: eur('40.00') } })).data.createOrder.order.id;
    const made = (await must(SCHEDULE, { input: { orderId: order, amount: eur('40.00'), paymentMethodId: method, scheduledFor: new Date(Date.now() + ms).toISOString() } })).data.schedulePayment;
    expect(made.userErrors).toEqual([]);
    return made.scheduledPayment.id as string;
  };
  const paymentsFor = async (id: string) =>
    pg.query<{ status: string; reference: string }>(`select status, reference from "transaction" where metadata->>'scheduledPaymentId' = $1`, [idOf(id, 'ScheduledPayment')]);

  it('pays the schedule whose payment was in flight once, and the one that fell due while down once', async () => {
    const method = (await must(CREATE_METHOD, { input: { provider: 'cardgateway', card: { number: '4111111111111111', expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '737', holderName: 'Ada Lovelace' } } })).data.createPaymentMethod.paymentMethod.id;
    // The next charge is made at the provider, then its answer is held past the kill.
    await setFaults(sandbox.url, { holdAnswers: 1, holdAnswerMs: 8_000 });
    const inFlight = await scheduleIn(1_500, method);
    const whileDown = await scheduleIn(6_000, method);

    const begun = await eventually(async () => ((await paymentsFor(inFlight)).length ? true : undefined), 20_000, 50);
    expect(begun).toBe(true);
    await sleep(500);
    await gateway.kill();
    const [left] = await paymentsFor(inFlight);
    expect(left!.status).toBe('PENDING');
    expect(await chargesAt({ baseUrl: sandbox.url }, left!.reference)).toBe(1);
    await sleep(5_000);
    gateway = await GatewayProcess.start(build, spec);

    for (const id of [inFlight, whileDown]) {
      const settled = await eventually(async () => {
        const scheduled = (await as(SCHEDULED, { id })).data?.scheduledPayment;
        return scheduled && ['SUCCEEDED', 'FAILED'].includes(scheduled.status) ? scheduled : undefined;
      }, 60_000, 250);
      expect(settled).toMatchObject({ status: 'SUCCEEDED', transaction: { status: 'SUCCEEDED' } });
      const payments = await paymentsFor(id);
      expect(payments).toHaveLength(1);
      expect(await chargesAt({ baseUrl: sandbox.url }, payments[0]!.reference)).toBe(1);
    }
    const resumed = (await as(SCHEDULED, { id: inFlight })).data!.scheduledPayment;
    expect(historyTypes(resumed)).toEqual(expect.arrayContaining(['scheduled', 'run_started', 'run_resumed', 'paid']));
    expect(historyTypes((await as(SCHEDULED, { id: whileDown })).data!.scheduledPayment)).toEqual(['scheduled', 'run_started', 'paid']);
  }, 150_000);
});
