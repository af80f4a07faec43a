import { type Running } from '../../src/app/bootstrap';
import { ScheduledPaymentEvent } from '../../src/domain/scheduled-payments/scheduled-payment-event.entity';
import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { idOf } from '../../src/graphql/common/global-id';
import { chargesAt, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';
import { eur, historyTypes, newOrder, SCHEDULE, SCHEDULED, savedCard, TestClock } from '../support/scheduled-payments';

const HOUR = 3_600_000;

/**
 * Two gateway instances on one database, as behind a load balancer (the second a separate bootstrap reaching
 * the first's sandbox as its provider URL), both sweeping and working the scheduled-payments queue at once.
 */
describe('scheduled payments with two gateway instances on one database', () => {
  let f: PaymentsFixture;
  let second: Running;
  const clock = new TestClock();
  const env = { SCHEDULED_PAYMENTS_INTERVAL_MS: '0' };

  beforeAll(async () => {
    f = await startPaymentsFixture(env);
    const first = f.t.running.deps.config;
    second = await f.t.secondInstance({ ...env, CARDGATEWAY_BASE_URL: f.sandbox.baseUrl });
    // It listens too, so its payments carry its own notification URL, as a deployed instance's do.
    await second.built.app.listen({ host: '127.0.0.1', port: 0 });
    first.scheduling.clock = clock;
    second.deps.config.scheduling.clock = clock;
  });
  afterAll(async () => {
    await second?.close();
    await f?.t.close();
  });

  it('pays each due schedule exactly once while both instances sweep and run it at the same time', async () => {
    const method = await savedCard(f.gql);
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const made = (await f.gql(SCHEDULE, { input: { orderId: await newOrder(f.gql, '12.00'), amount: eur('12.00'), paymentMethodId: method, scheduledFor: new Date(clock.now().getTime() + HOUR).toISOString() } })).data!.schedulePayment;
      expect(made.userErrors).toEqual([]);
      ids.push(made.scheduledPayment.id);
    }
    clock.advance(HOUR);
    // A slow provider keeps each run in flight while the other instance sweeps and fetches.
    f.sandbox.state.knobs.latencyMs = 150;
    try {
      const a = f.t.running.jobs.scheduledPayments;
      const b = second.jobs.scheduledPayments;
      await Promise.all([a.runOnce(20_000), b.runOnce(20_000), a.runOnce(20_000), b.runOnce(20_000)]);
    } finally {
      f.sandbox.state.knobs.latencyMs = 0;
    }

    for (const id of ids) {
      const scheduled = (await f.gql(SCHEDULED, { id })).data!.scheduledPayment;
      expect(scheduled).toMatchObject({ failureMessage: null, status: 'SUCCEEDED', transaction: { status: 'SUCCEEDED' }, order: { status: 'PAID' } });
      expect(historyTypes(scheduled)).toEqual(['scheduled', 'run_started', 'paid']);
      expect(await chargesAt(f.sandbox, scheduled.transaction.reference)).toBe(1);
      const dbId = idOf(id, 'ScheduledPayment')!;
      expect(await f.t.em().count(Transaction, { metadata: { scheduledPaymentId: dbId } })).toBe(1);
      expect(await f.t.em().count(ScheduledPaymentEvent, { scheduledPayment: dbId, type: 'run_started' })).toBe(1);
    }
  });

  it('claims a due schedule once when runs on both instances start on it at the same instant', async () => {
    const method = await savedCard(f.gql);
    const made = (await f.gql(SCHEDULE, { input: { orderId: await newOrder(f.gql, '8.00'), amount: eur('8.00'), paymentMethodId: method, scheduledFor: new Date(clock.now().getTime() + HOUR).toISOString() } })).data!.schedulePayment;
    const dbId = idOf(made.scheduledPayment.id, 'ScheduledPayment')!;
    clock.advance(HOUR);
    f.sandbox.state.knobs.latencyMs = 300;
    let ran: boolean[];
    try {
      const a = f.t.running.jobs.scheduledPayments;
      const b = second.jobs.scheduledPayments;
      ran = await Promise.all([a.run(dbId), b.run(dbId), a.run(dbId), b.run(dbId), a.run(dbId), b.run(dbId)]);
    } finally {
      f.sandbox.state.knobs.latencyMs = 0;
    }
    expect(ran.filter(Boolean)).toHaveLength(1);
    const scheduled = (await f.gql(SCHEDULED, { id: made.scheduledPayment.id })).data!.scheduledPayment;
    expect(scheduled).toMatchObject({ status: 'SUCCEEDED', transaction: { status: 'SUCCEEDED' } });
    expect(await chargesAt(f.sandbox, scheduled.transaction.reference)).toBe(1);
    expect(await f.t.em().count(Transaction, { metadata: { scheduledPaymentId: dbId } })).toBe(1);
  });
});
