import { demoCredentials } from '../../src/providers/catalog';
import { SiteKind } from '../../src/domain/sites/site.entity';
import { ScheduledPayment } from '../../src/domain/scheduled-payments/scheduled-payment.entity';
import { ALL_SCOPES } from '../support/app';
import { schedulingModule, SCHEDULING_KEY, startSchedulingSandbox, type SchedulingSandbox } from '../support/scheduling-provider';
import { CANCEL_SCHEDULE, eur, historyTypes, newOrder, SCHEDULE, SCHEDULED, savedCard, TestClock } from '../support/scheduled-payments';
import { startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

const DAY = 86_400_000;

/**
 * The same mutations for a provider that schedules natively (the SchedulingFacet; PayNearMe's shape: by calendar
 * day, cancel only before the payment date), proven with a test-only provider and its loopback sandbox.
 */
describe('scheduled payments a provider runs natively', () => {
  let f: PaymentsFixture;
  let sandbox: SchedulingSandbox;
  let key: string;
  let method: string;
  const clock = new TestClock(new Date('2030-01-10T10:00:00.000Z'));
  const gql = (query: string, variables?: Record<string, unknown>) => f.t.gql(query, variables, { key });
  const days = (n: number) => new Date(clock.now().getTime() + n * DAY).toISOString();
  const schedule = async (input: Record<string, unknown>) =>
    (await gql(SCHEDULE, { input: { amount: eur('25.00'), paymentMethodId: method, scheduledFor: days(2), ...input } })).data!.schedulePayment;
  const cancel = async (id: string) => (await gql(CANCEL_SCHEDULE, { input: { scheduledPaymentId: id } })).data!.cancelScheduledPayment;

  beforeAll(async () => {
    f = await startPaymentsFixture({ SCHEDULED_PAYMENTS_INTERVAL_MS: '0' });
    f.t.running.deps.config.scheduling.clock = clock;
    sandbox = await startSchedulingSandbox();
    sandbox.today = '2030-01-10';
    f.t.running.providers.registry.register(schedulingModule, sandbox.baseUrl);
    const sites = f.t.sites();
    const site = await sites.createSite('Scheduling merchant', SiteKind.MERCHANT, { ...demoCredentials(), [SCHEDULING_KEY]: { ...schedulingModule.demo.credentials } });
    key = (await sites.createApiKey(site, 'scheduling key', ALL_SCOPES)).plaintext;
    method = await savedCard(gql, '4111111111111111', SCHEDULING_KEY);
  });
  afterAll(async () => {
    await f?.t.close();
    await sandbox?.close();
  });

  it('schedules at the provider by calendar day, and the gateway never pays it itself', async () => {
    const made = await schedule({ orderId: await newOrder(gql, '25.00'), scheduledFor: '2030-01-12T15:30:00.000Z' });
    expect(made).toMatchObject({
      userErrors: [],
      scheduledPayment: { status: 'SCHEDULED', runBy: 'PROVIDER', provider: SCHEDULING_KEY, scheduledFor: '2030-01-12T00:00:00.000Z', providerScheduleId: expect.stringMatching(/^sched\d+$/) },
    });
    const atProvider = sandbox.schedules.get(made.scheduledPayment.providerScheduleId)!;
    expect(atProvider).toMatchObject({ paymentDate: '2030-01-12', amount: '2500', currency: 'EUR', state: 'ACTIVE' });
    expect(historyTypes(made.scheduledPayment)).toEqual(['scheduled', 'scheduled_at_provider']);

    clock.advance(3 * DAY);
    try {
      await f.t.running.jobs.scheduledPayments.runOnce(10_000);
    } finally {
      clock.advance(-3 * DAY);
    }
    expect((await gql(SCHEDULED, { id: made.scheduledPayment.id })).data!.scheduledPayment).toMatchObject({ status: 'SCHEDULED', transaction: null });
  });

  it('refuses today for a provider that schedules by day, before calling it and writing nothing', async () => {
    const before = await f.t.em().count(ScheduledPayment, {});
    const calls = sandbox.calls['/schedules'] ?? 0;
    const refused = await schedule({ orderId: await newOrder(gql), scheduledFor: days(0.5) });
    expect(refused).toMatchObject({ scheduledPayment: null, userErrors: [{ code: 'SCHEDULED_FOR_NOT_IN_FUTURE', field: ['input', 'scheduledFor'] }] });
    expect(await f.t.em().count(ScheduledPayment, {})).toBe(before);
    expect(sandbox.calls['/schedules'] ?? 0).toBe(calls);
  });

  it("answers the provider's refusal with its text, and records the schedule FAILED", async () => {
    sandbox.today = '2030-01-20';
    try {
      const refused = await schedule({ orderId: await newOrder(gql) });
      expect(refused.userErrors).toEqual([{ code: 'PROVIDER_REFUSED', field: ['input'], message: 'payment_date must be after today' }]);
      expect(refused.scheduledPayment).toMatchObject({ status: 'FAILED', failureMessage: 'payment_date must be after today', providerScheduleId: null });
    } finally {
      sandbox.today = '2030-01-10';
    }
  });

  it('cancels at the provider before the payment date', async () => {
    const made = await schedule({ orderId: await newOrder(gql) });
    const cancelled = await cancel(made.scheduledPayment.id);
    expect(cancelled).toMatchObject({ userErrors: [], scheduledPayment: { status: 'CANCELLED' } });
    expect(sandbox.schedules.get(made.scheduledPayment.providerScheduleId)!.state).toBe('CANCELLED');
    expect(historyTypes(cancelled.scheduledPayment)).toEqual(['scheduled', 'scheduled_at_provider', 'cancelled']);
  });

  it('refuses to cancel on or after the payment date, at the gateway and (its calendar ahead) at the provider, and changes nothing', async () => {
    const made = await schedule({ orderId: await newOrder(gql) });
    const id = made.scheduledPayment.id;
    const providerId = made.scheduledPayment.providerScheduleId;
    clock.advance(2 * DAY);
    const calls = sandbox.calls['/schedules/:id/cancel'] ?? 0;
    try {
      expect(await cancel(id)).toMatchObject({ scheduledPayment: null, userErrors: [{ code: 'PAYMENT_DATE_PASSED', field: ['input', 'scheduledPaymentId'] }] });
    } finally {
      clock.advance(-2 * DAY);
    }
    expect(sandbox.calls['/schedules/:id/cancel'] ?? 0).toBe(calls);

    sandbox.today = '2030-01-12';
    try {
      const refused = await cancel(id);
      expect(refused.userErrors).toEqual([{ code: 'PROVIDER_REFUSED', field: ['input', 'scheduledPaymentId'], message: 'A scheduled payment can only be cancelled before its payment date' }]);
      expect(refused.scheduledPayment.status).toBe('SCHEDULED');
    } finally {
      sandbox.today = '2030-01-10';
    }
    expect(sandbox.schedules.get(providerId)!.state).toBe('ACTIVE');
  });

  it('lists both kinds the same way: status, who runs it, and history', async () => {
    const card = await savedCard(gql);
    const order = await newOrder(gql, '50.00');
    const native = await schedule({ orderId: order });
    const gatewayRun = await schedule({ orderId: order, paymentMethodId: card, scheduledFor: days(1) });
    const listed = (await gql(`query($o: ID!) { scheduledPayments(orderId: $o) { nodes { id status runBy provider history { nodes { type } } } } }`, { o: order })).data!.scheduledPayments.nodes;
    expect(listed).toEqual([
      { id: gatewayRun.scheduledPayment.id, status: 'SCHEDULED', runBy: 'GATEWAY', provider: 'cardgateway', history: { nodes: [{ type: 'scheduled' }] } },
      { id: native.scheduledPayment.id, status: 'SCHEDULED', runBy: 'PROVIDER', provider: SCHEDULING_KEY, history: { nodes: [{ type: 'scheduled' }, { type: 'scheduled_at_provider' }] } },
    ]);
  });
});
