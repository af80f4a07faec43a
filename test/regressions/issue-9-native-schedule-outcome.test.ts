import { type Running } from '../../src/app/bootstrap';
import { TestClock } from '../support/scheduled-payments';
import { CREATE_METHOD, FEES_AND_METHODS, LOOKUP_BASIC, SEEDED, key, setKnobs, startFixture, type Fixture } from './issue-9-paynearme-fixture';

/**
 * Issue 9 item 6: a schedule PayNearMe runs stayed SCHEDULED forever after its payment date. The schedule job
 * now reads the order's payment history at PayNearMe after that date, records the payment the schedule made
 * once as its transaction, and moves the schedule to SUCCEEDED or FAILED (the decline); with no payment within
 * its window it fails with PROVIDER_PAYMENT_NOT_FOUND. The sandbox pays due schedules as PayNearMe does.
 */
const FIELDS = `id status failureCode failureMessage transaction { id status providerTransactionId declineCode amount { amount } } history { nodes { type toStatus } }`;
const SCHEDULE = `mutation($input: SchedulePaymentInput!) { schedulePayment(input: $input) { scheduledPayment { id status providerScheduleId } userErrors { code field message } } }`;
const READ = `query($id: ID!) { scheduledPayment(id: $id) { ${FIELDS} } }`;
const LIST = `query { scheduledPayments(first: 50, provider: "paynearme") { edges { node { id status transaction { id } } } } }`;
const TRANSACTIONS = `query { transactions(first: 100, provider: "paynearme") { edges { node { id providerTransactionId status } } } }`;
const DAY = 86_400_000;

let f: Fixture;
let second: Running;
const clock = new TestClock();

beforeAll(async () => {
  const env = { SCHEDULED_PAYMENTS_INTERVAL_MS: '0', RECONCILE_INTERVAL_MS: '0' };
  f = await startFixture(env);
  const first = f.t.running.deps.config;
  second = await f.t.secondInstance({ ...env, PAYNEARME_BASE_URL: f.sandbox.baseUrl });
  first.scheduling.clock = clock;
  second.deps.config.scheduling.clock = clock;
}, 90_000);
afterAll(async () => {
  await second?.close();
  await f?.t.close();
}, 60_000);

const gql = (query: string, variables: Record<string, unknown> = {}) => f.t.gql(query, variables, { key: f.merchant.key });
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const read = async (id: string) => (await gql(READ, { id })).data!.scheduledPayment;
const types = (s: { history: { nodes: { type: string }[] } }) => s.history.nodes.map((n) => n.type);
/** The job's clock at `days` from the real now (PayNearMe's payment dates are real days). */
const clockAt = (days: number) => clock.advance(Date.now() + days * DAY - clock.now().getTime());
const bothInstances = () => Promise.all([f.t.running.jobs.scheduledPayments.runOnce(20_000), second.jobs.scheduledPayments.runOnce(20_000)]);
const paynearmeRuns = async (asOf: string) =>
  (await fetch(`${f.sandbox.baseUrl}/__sandbox/scheduled-payments/run-due`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ asOf }) })).json() as Promise<{ pnmPaymentId: string; status: string; netCents: number }[]>;

async function schedule(orderId: string, paymentMethodId: string, daysAhead: number, amount: string, answered = true) {
  const input = { ...key(), orderId, paymentMethodId, amount: { amount, currency: 'USD' }, scheduledFor: `${day(daysAhead)}T12:00:00.000Z` };
  const made = (await gql(SCHEDULE, { input })).data!.schedulePayment;
  expect(made).toMatchObject({ userErrors: [], scheduledPayment: { status: 'SCHEDULED', providerScheduleId: answered ? expect.any(String) : null } });
  return made.scheduledPayment.id as string;
}

async function carOrderWithToken() {
  const found = (await gql(FEES_AND_METHODS, { p: 'paynearme', site: SEEDED.carPayment.site, channel: 'consumer' })).data!.providerOrder.order;
  return { orderId: found.orderId as string, methodId: found.savedMethods.find((m: { active: boolean }) => m.active).paymentMethodId as string };
}

async function depositOrderWithToken(number: string) {
  const order = (await gql(LOOKUP_BASIC, { p: 'paynearme', id: SEEDED.gamingDeposit.pnm })).data!.providerOrder.order;
  const card = { number, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123', holderName: 'Ada Lovelace' };
  const made = (await gql(CREATE_METHOD, { input: { ...key(), provider: 'paynearme', orderId: order.orderId, card } })).data!.createPaymentMethod;
  expect(made.userErrors).toEqual([]);
  return { orderId: order.orderId as string, methodId: made.paymentMethod.id as string };
}

describe('issue 9: the outcome of a schedule PayNearMe runs', () => {
  it('is SUCCEEDED with its one transaction once PayNearMe paid it, however often and on however many instances the job runs', async () => {
    const car = await carOrderWithToken();
    const id = await schedule(car.orderId, car.methodId, 2, '10.00');
    await bothInstances();
    expect((await read(id)).status).toBe('SCHEDULED');

    const paid = await paynearmeRuns(day(2));
    const mine = paid.find((p) => p.status === 'approved' && p.netCents === 1_000);
    expect(mine).toBeDefined();
    clockAt(2);
    await Promise.all([bothInstances(), bothInstances()]);
    await bothInstances();

    const done = await read(id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', transaction: { status: 'SUCCEEDED', providerTransactionId: mine!.pnmPaymentId, amount: { amount: '10.00' } } });
    expect(types(done)).toEqual(['scheduled', 'scheduled_at_provider', 'payment_found_at_provider', 'paid']);
    const listed = (await gql(LIST)).data!.scheduledPayments.edges.find((e: { node: { id: string } }) => e.node.id === id).node;
    expect(listed).toEqual({ id, status: 'SUCCEEDED', transaction: { id: done.transaction.id } });
    const txns = (await gql(TRANSACTIONS)).data!.transactions.edges.filter((e: { node: { providerTransactionId: string } }) => e.node.providerTransactionId === mine!.pnmPaymentId);
    expect(txns).toEqual([{ node: { id: done.transaction.id, providerTransactionId: mine!.pnmPaymentId, status: 'SUCCEEDED' } }]);
  }, 60_000);

  it("is FAILED with PayNearMe's decline when the token's card declines on the payment date", async () => {
    const deposit = await depositOrderWithToken('4000000000009995');
    const id = await schedule(deposit.orderId, deposit.methodId, 3, '25.00');
    const runs = await paynearmeRuns(day(3));
    expect(runs.map((p) => p.status)).toContain('rejected');
    clockAt(3);
    await bothInstances();
    const failed = await read(id);
    expect(failed).toMatchObject({ status: 'FAILED', failureCode: '51', failureMessage: 'Insufficient funds', transaction: { status: 'DECLINED', declineCode: '51' } });
    expect(types(failed)).toEqual(['scheduled', 'scheduled_at_provider', 'payment_found_at_provider', 'declined']);
  }, 60_000);

  it('keeps looking while PayNearMe shows no payment, then fails it with PROVIDER_PAYMENT_NOT_FOUND after its window', async () => {
    const car = await carOrderWithToken();
    const id = await schedule(car.orderId, car.methodId, 9, '11.00');
    clockAt(9);
    await bothInstances();
    expect(await read(id)).toMatchObject({ status: 'SCHEDULED', transaction: null, failureCode: null });
    clockAt(13);
    await bothInstances();
    const failed = await read(id);
    expect(failed).toMatchObject({ status: 'FAILED', transaction: null, failureCode: 'PROVIDER_PAYMENT_NOT_FOUND', failureMessage: expect.stringContaining('no payment for this schedule') });
    expect(types(failed)).toEqual(['scheduled', 'scheduled_at_provider', 'no_payment_at_provider']);
  }, 60_000);

  it('is found in the history too when the answer to schedule_payment was lost and the schedule never found again before its date', async () => {
    const deposit = await depositOrderWithToken('4111111111111111');
    await setKnobs(f, { loseScheduleAnswers: 1 });
    const id = await schedule(deposit.orderId, deposit.methodId, 15, '33.00', false);
    const paid = (await paynearmeRuns(day(15))).find((p) => p.status === 'approved' && p.netCents === 3_300);
    clockAt(15);
    await bothInstances();
    const done = await read(id);
    expect(done).toMatchObject({ status: 'SUCCEEDED', transaction: { status: 'SUCCEEDED', providerTransactionId: paid!.pnmPaymentId, amount: { amount: '33.00' } } });
    expect(types(done)).toEqual(['scheduled', 'provider_outcome_unknown', 'payment_found_at_provider', 'paid']);
  }, 60_000);
});
