import { FEES_AND_METHODS, SEEDED, key, sandboxRequests, setKnobs, startFixture, type Fixture } from './issue-9-paynearme-fixture';

/**
 * Issue 9: a native schedule (PayNearMe /schedule_payment) whose answer was lost stayed SCHEDULED without
 * PayNearMe's id forever, and could not be cancelled. The schedule job now finds it again with
 * /find_scheduled_payment (order, payment date, amount, token), records the id once and never schedules twice;
 * one PayNearMe never created is failed clearly once its not-found window has passed.
 */
const FIELDS = `id status providerScheduleId failureCode failureMessage history { nodes { type } }`;
const SCHEDULE = `mutation($input: SchedulePaymentInput!) { schedulePayment(input: $input) { scheduledPayment { ${FIELDS} } userErrors { code field message } } }`;
const READ = `query($id: ID!) { scheduledPayment(id: $id) { ${FIELDS} } }`;
const CANCEL = `mutation($input: CancelScheduledPaymentInput!) { cancelScheduledPayment(input: $input) { scheduledPayment { status } userErrors { code message } } }`;
const WINDOW_MS = 3_000;

interface AtProvider {
  id: string;
  paymentDate: string;
  amountCents: number;
  status: string;
}

let f: Fixture;
beforeAll(async () => {
  f = await startFixture({ SCHEDULED_PAYMENTS_INTERVAL_MS: '0', RECONCILE_INTERVAL_MS: '0', PROVIDER_TIMEOUT_MS: '1000', NOT_FOUND_FINAL_AFTER_MS: String(WINDOW_MS) });
}, 60_000);
afterAll(() => f?.t.close(), 60_000);

const gql = (query: string, variables: Record<string, unknown>) => f.t.gql(query, variables, { key: f.merchant.key });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const atProvider = async () => (await (await fetch(`${f.sandbox.baseUrl}/__sandbox/scheduled-payments`)).json()) as AtProvider[];
const runJobs = () => f.t.running.jobs.scheduledPayments.runOnce(20_000);
const read = async (id: string) => (await gql(READ, { id })).data!.scheduledPayment;
const types = (s: { history: { nodes: { type: string }[] } }) => s.history.nodes.map((n) => n.type);
const scheduleCalls = async () => (await sandboxRequests(f)).filter((r) => r.call === 'schedule_payment').length;

async function schedule(daysAhead: number, amount: string, as: { key: string; actingSite?: string } = { key: f.merchant.key }) {
  const found = (await f.t.gql(FEES_AND_METHODS, { p: 'paynearme', site: SEEDED.carPayment.site, channel: 'consumer' }, as)).data!.providerOrder.order;
  const method = found.savedMethods.find((m: { active: boolean }) => m.active);
  const input = { ...key(), orderId: found.orderId, paymentMethodId: method.paymentMethodId, amount: { amount, currency: 'USD' }, scheduledFor: `${day(daysAhead)}T12:00:00.000Z` };
  return (await f.t.gql(SCHEDULE, { input }, as)).data!.schedulePayment;
}

describe('issue 9: a PayNearMe schedule whose answer was lost', () => {
  it('is found again by the schedule job, its PayNearMe id recorded once, with no second schedule at PayNearMe', async () => {
    // A neighbour on the same order with another amount, and the seeded monthly autopay: neither may be taken for it.
    const neighbour = await schedule(4, '12.00');
    expect(neighbour.scheduledPayment.providerScheduleId).toEqual(expect.any(String));
    const before = await atProvider();
    await setKnobs(f, { loseScheduleAnswers: 1 });
    const lost = await schedule(4, '13.00');
    expect(lost).toMatchObject({ userErrors: [], scheduledPayment: { status: 'SCHEDULED', providerScheduleId: null } });
    const created = (await atProvider()).filter((s) => !before.some((b) => b.id === s.id));
    expect(created).toEqual([expect.objectContaining({ paymentDate: day(4), amountCents: 1_300, status: 'scheduled' })]);
    const callsAfterSchedule = await scheduleCalls();

    await runJobs();
    const found = await read(lost.scheduledPayment.id);
    expect(found).toMatchObject({ status: 'SCHEDULED', providerScheduleId: created[0]!.id });
    expect(types(found)).toEqual(['scheduled', 'provider_outcome_unknown', 'found_at_provider']);

    await runJobs();
    expect(types(await read(lost.scheduledPayment.id))).toEqual(['scheduled', 'provider_outcome_unknown', 'found_at_provider']);
    expect(await scheduleCalls()).toBe(callsAfterSchedule);
    expect((await atProvider()).length).toBe(before.length + 1);

    const cancelled = (await gql(CANCEL, { input: { ...key(), scheduledPaymentId: lost.scheduledPayment.id } })).data!.cancelScheduledPayment;
    expect(cancelled).toEqual({ userErrors: [], scheduledPayment: { status: 'CANCELLED' } });
    expect((await atProvider()).find((s) => s.id === created[0]!.id)?.status).toBe('canceled');
  });

  it('tells two lost schedules with the same date and amount apart: each gets its own PayNearMe id', async () => {
    await setKnobs(f, { loseScheduleAnswers: 2 });
    const one = await schedule(6, '7.00');
    const two = await schedule(6, '7.00');
    await runJobs();
    const ids = [(await read(one.scheduledPayment.id)).providerScheduleId, (await read(two.scheduledPayment.id)).providerScheduleId];
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(2);
  });

  it("is found again with the partner's keys when a partner made it for a site that has none of its own", async () => {
    const asPartner = { key: f.partner.key, actingSite: f.client.site.id };
    await setKnobs(f, { loseScheduleAnswers: 1 });
    const lost = await schedule(8, '21.00', asPartner);
    expect(lost.scheduledPayment).toMatchObject({ status: 'SCHEDULED', providerScheduleId: null });
    await runJobs();
    const found = (await f.t.gql(READ, { id: lost.scheduledPayment.id }, asPartner)).data!.scheduledPayment;
    const atPnm = (await atProvider()).find((s) => s.paymentDate === day(8) && s.amountCents === 2_100);
    expect(found).toMatchObject({ status: 'SCHEDULED', providerScheduleId: atPnm!.id });
  });

  it('is failed clearly, without scheduling again, when PayNearMe never created it and its not-found window has passed', async () => {
    await setKnobs(f, { dropScheduleRequests: 1 });
    const before = (await atProvider()).length;
    const lost = await schedule(5, '14.00');
    expect(lost.scheduledPayment).toMatchObject({ status: 'SCHEDULED', providerScheduleId: null });
    expect((await atProvider()).length).toBe(before);
    const calls = await scheduleCalls();

    await runJobs();
    expect(await read(lost.scheduledPayment.id)).toMatchObject({ status: 'SCHEDULED', providerScheduleId: null, failureCode: null });

    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 500));
    await runJobs();
    const failed = await read(lost.scheduledPayment.id);
    expect(failed).toMatchObject({ status: 'FAILED', providerScheduleId: null, failureCode: 'PROVIDER_SCHEDULE_NOT_FOUND', failureMessage: expect.stringContaining('schedule it again') });
    expect(types(failed)).toEqual(['scheduled', 'provider_outcome_unknown', 'not_found_at_provider']);
    expect(await scheduleCalls()).toBe(calls);
    expect((await atProvider()).length).toBe(before);
  });
});
