import { ScheduledPayment } from '../../src/domain/scheduled-payments/scheduled-payment.entity';
import { idOf } from '../../src/graphql/common/global-id';
import { startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';
import { CANCEL_SCHEDULE, eur, newOrder, SCHEDULE, savedCard, TestClock } from '../support/scheduled-payments';

const HOUR = 3_600_000;

/**
 * Issue 9: schedules reserve their order's balance. Several gateway-run schedules could together exceed what
 * the order still owes (the balance was checked when scheduling and at the due time, never held). Scheduling now
 * refuses an amount that does not fit beside the schedules already waiting, also when two requests race, and a
 * cancelled schedule gives its amount back.
 */
describe('issue 9: scheduled payments reserve the order balance', () => {
  let f: PaymentsFixture;
  let clock: TestClock;
  let method: string;
  const inHours = (h: number) => new Date(clock.now().getTime() + h * HOUR).toISOString();
  const schedule = async (orderId: string, amount: string) =>
    (await f.gql(SCHEDULE, { input: { orderId, amount: eur(amount), paymentMethodId: method, scheduledFor: inHours(2) } })).data!.schedulePayment;
  const rowsOf = (orderId: string) => f.t.em().count(ScheduledPayment, { order: idOf(orderId, 'Order')! });

  beforeAll(async () => {
    f = await startPaymentsFixture({ SCHEDULED_PAYMENTS_INTERVAL_MS: '0' });
    clock = new TestClock();
    f.t.running.deps.config.scheduling.clock = clock;
    method = await savedCard(f.gql);
  }, 60_000);
  afterAll(() => f?.t.close(), 60_000);

  it('refuses a schedule that does not fit beside those already waiting, naming the amount, and writes nothing', async () => {
    const order = await newOrder(f.gql, '30.00');
    expect((await schedule(order, '20.00')).userErrors).toEqual([]);
    const refused = await schedule(order, '20.00');
    expect(refused.scheduledPayment).toBeNull();
    expect(refused.userErrors).toEqual([{ code: 'AMOUNT_EXCEEDS_ORDER_BALANCE', field: ['input', 'amount', 'amount'], message: expect.stringContaining('10.00') }]);
    expect(await rowsOf(order)).toBe(1);
    expect((await schedule(order, '10.00')).userErrors).toEqual([]);
    expect((await schedule(order, '0.01')).userErrors).toEqual([expect.objectContaining({ code: 'AMOUNT_EXCEEDS_ORDER_BALANCE' })]);
  });

  it('gives the amount back when a schedule is cancelled', async () => {
    const order = await newOrder(f.gql, '30.00');
    const first = await schedule(order, '25.00');
    expect((await schedule(order, '25.00')).userErrors).toEqual([expect.objectContaining({ code: 'AMOUNT_EXCEEDS_ORDER_BALANCE' })]);
    const cancelled = (await f.gql(CANCEL_SCHEDULE, { input: { scheduledPaymentId: first.scheduledPayment.id } })).data!.cancelScheduledPayment;
    expect(cancelled.scheduledPayment.status).toBe('CANCELLED');
    expect((await schedule(order, '25.00'))).toMatchObject({ userErrors: [], scheduledPayment: { status: 'SCHEDULED' } });
  });

  it('lets exactly one of several simultaneous schedules through when only one fits', async () => {
    for (let round = 0; round < 3; round += 1) {
      const order = await newOrder(f.gql, '30.00');
      const answers = await Promise.all([1, 2, 3, 4].map(() => schedule(order, '20.00')));
      const made = answers.filter((a) => a.scheduledPayment);
      const refused = answers.filter((a) => a.userErrors.length);
      expect(made).toHaveLength(1);
      expect(refused.map((a) => a.userErrors[0].code)).toEqual(['AMOUNT_EXCEEDS_ORDER_BALANCE', 'AMOUNT_EXCEEDS_ORDER_BALANCE', 'AMOUNT_EXCEEDS_ORDER_BALANCE']);
      expect(await rowsOf(order)).toBe(1);
    }
  });
});
