import { FEES_AND_METHODS, SEEDED, key, startFixture, type Fixture } from './issue-9-paynearme-fixture';

/**
 * Issue 9 (5, 6): schedule → find → cancel through GraphQL, with PayNearMe scheduling natively: the gateway's
 * schedulePayment calls /schedule_payment, cancelScheduledPayment calls /cancel_scheduled_payment, and a cancel
 * PayNearMe refuses (its payment date has come) is a userError with PayNearMe's text that changes nothing.
 */
const SCHEDULE = `mutation($input: SchedulePaymentInput!) { schedulePayment(input: $input) {
  scheduledPayment { id status runBy providerScheduleId scheduledFor amount { amount currency } } userErrors { code field message } } }`;
const CANCEL = `mutation($input: CancelScheduledPaymentInput!) { cancelScheduledPayment(input: $input) {
  scheduledPayment { id status } userErrors { code field message providerCode } } }`;
const READ = `query($id: ID!) { node(id: $id) { ... on ScheduledPayment { status providerScheduleId } } }`;

type SandboxSchedule = Record<string, unknown>;

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
}, 60_000);
afterAll(() => f?.t.close(), 60_000);

const asMerchant = (query: string, variables: Record<string, unknown>) => f.t.gql(query, variables, { key: f.merchant.key });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const atProvider = async (): Promise<SandboxSchedule[]> => (await fetch(`${f.sandbox.baseUrl}/__sandbox/scheduled-payments`)).json() as Promise<SandboxSchedule[]>;

async function schedule(daysAhead: number) {
  const found = (await asMerchant(FEES_AND_METHODS, { p: 'paynearme', site: SEEDED.carPayment.site, channel: 'consumer' })).data!.providerOrder.order;
  const method = found.savedMethods.find((m: { active: boolean }) => m.active);
  const input = { ...key(), orderId: found.orderId, paymentMethodId: method.paymentMethodId, amount: { amount: '50.00', currency: 'USD' }, scheduledFor: `${day(daysAhead)}T12:00:00.000Z` };
  return (await asMerchant(SCHEDULE, { input })).data!.schedulePayment;
}

describe('issue 9: scheduled payments that PayNearMe runs, through GraphQL', () => {
  it('schedules at PayNearMe, reads it back, and cancels it before its date', async () => {
    const scheduled = await schedule(3);
    expect(scheduled).toMatchObject({ userErrors: [], scheduledPayment: { status: 'SCHEDULED', runBy: 'PROVIDER', providerScheduleId: expect.any(String), amount: { amount: '50.00', currency: 'USD' } } });
    const { id, providerScheduleId } = scheduled.scheduledPayment;
    expect((await atProvider()).some((s) => Object.values(s).includes(providerScheduleId))).toBe(true);
    expect((await asMerchant(READ, { id })).data!.node).toEqual({ status: 'SCHEDULED', providerScheduleId });
    const cancelled = (await asMerchant(CANCEL, { input: { ...key(), scheduledPaymentId: id } })).data!.cancelScheduledPayment;
    expect(cancelled).toMatchObject({ userErrors: [], scheduledPayment: { status: 'CANCELLED' } });
    const there = (await atProvider()).find((s) => Object.values(s).includes(providerScheduleId));
    expect(JSON.stringify(there).toLowerCase()).toContain('cancel');
  });

  it("refuses, with PayNearMe's text, a cancel on the payment date, and keeps the schedule", async () => {
    const scheduled = await schedule(2);
    const { id, providerScheduleId } = scheduled.scheduledPayment;
    const moved = await fetch(`${f.sandbox.baseUrl}/__sandbox/scheduled-payments/${providerScheduleId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ paymentDate: day(0) }),
    });
    expect(moved.status).toBe(200);
    const refused = (await asMerchant(CANCEL, { input: { ...key(), scheduledPaymentId: id } })).data!.cancelScheduledPayment;
    expect(refused).toEqual({
      scheduledPayment: { id, status: 'SCHEDULED' },
      userErrors: [{ code: 'PROVIDER_REFUSED', providerCode: 'PAYNEARME_REFUSED', field: ['input', 'scheduledPaymentId'], message: 'Scheduled payments must be canceled prior to the payment_date' }],
    });
    expect((await asMerchant(READ, { id })).data!.node.status).toBe('SCHEDULED');
  });

  it('refuses a due date in the past before anything reaches PayNearMe', async () => {
    const before = (await atProvider()).length;
    const refused = await schedule(-1);
    expect(refused.scheduledPayment).toBeNull();
    expect(refused.userErrors).toEqual([expect.objectContaining({ field: ['input', 'scheduledFor'] })]);
    expect((await atProvider()).length).toBe(before);
  });
});
