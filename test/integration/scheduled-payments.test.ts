import { Order, OrderStatus } from '../../src/domain/orders/order.entity';
import { PaymentMethod } from '../../src/domain/payment-methods/payment-method.entity';
import { ScheduledPaymentEvent } from '../../src/domain/scheduled-payments/scheduled-payment-event.entity';
import { ScheduledPayment } from '../../src/domain/scheduled-payments/scheduled-payment.entity';
import { idOf } from '../../src/graphql/common/global-id';
import { cardMerchant, card, chargesAt, PAY, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';
import { CANCEL_SCHEDULE, eur, historyTypes, newOrder, SCHEDULE, SCHEDULED, savedCard, TestClock } from '../support/scheduled-payments';

const HOUR = 3_600_000;
const REMOVE_METHOD = `mutation($input: RemovePaymentMethodInput!) { removePaymentMethod(input: $input) { userErrors { code } } }`;

/**
 * The schedule the gateway runs itself (cardgateway has no native scheduling): a saved card paid through the
 * normal engine at the due time, on the job queue, with the configuration's clock moved by the test.
 */
describe('scheduled payments run by the gateway', () => {
  let f: PaymentsFixture;
  let clock: TestClock;
  let method: string;
  const run = () => f.t.running.jobs.scheduledPayments.runOnce(20_000);
  const schedule = async (input: Record<string, unknown>) => (await f.gql(SCHEDULE, { input: { amount: eur('30.00'), paymentMethodId: method, scheduledFor: inHours(2), ...input } })).data!.schedulePayment;
  const read = async (id: string) => (await f.gql(SCHEDULED, { id })).data!.scheduledPayment;
  const inHours = (h: number) => new Date(clock.now().getTime() + h * HOUR).toISOString();
  const rows = () => f.t.em().count(ScheduledPayment, {});

  beforeAll(async () => {
    f = await startPaymentsFixture({ SCHEDULED_PAYMENTS_INTERVAL_MS: '0' });
    clock = new TestClock();
    f.t.running.deps.config.scheduling.clock = clock;
    method = await savedCard(f.gql);
  });
  afterAll(async () => {
    await f?.t.close();
  });

  it('pays a due schedule once with the saved card through the engine, and shows the payment, the status and the history', async () => {
    const order = await newOrder(f.gql, '30.00');
    const made = await schedule({ orderId: order, idempotencyKey: `sch-${order}` });
    expect(made).toMatchObject({ userErrors: [], scheduledPayment: { status: 'SCHEDULED', runBy: 'GATEWAY', provider: 'cardgateway', transaction: null } });
    const id = made.scheduledPayment.id;

    await run();
    expect((await read(id)).status).toBe('SCHEDULED');

    clock.advance(2 * HOUR);
    await run();
    const paid = await read(id);
    expect(paid).toMatchObject({ status: 'SUCCEEDED', transaction: { status: 'SUCCEEDED' }, order: { status: 'PAID' }, failureCode: null });
    expect(historyTypes(paid)).toEqual(['scheduled', 'run_started', 'paid']);
    expect(await chargesAt(f.sandbox, paid.transaction.reference)).toBe(1);

    await run();
    clock.advance(HOUR);
    await run();
    expect(historyTypes(await read(id))).toEqual(['scheduled', 'run_started', 'paid']);
    const listed = (await f.gql(`query($o: ID!) { scheduledPayments(orderId: $o) { nodes { id status transaction { id } } } }`, { o: order })).data!.scheduledPayments.nodes;
    expect(listed).toEqual([{ id, status: 'SUCCEEDED', transaction: { id: paid.transaction.id } }]);
    const ofOrder = (await f.gql(`query($o: ID!) { node(id: $o) { ... on Order { scheduledPayments { nodes { id status } } } } }`, { o: order })).data!.node;
    expect(ofOrder.scheduledPayments.nodes).toEqual([{ id, status: 'SUCCEEDED' }]);
  });

  it('records a decline on the scheduled payment: FAILED with the decline code, and its declined transaction', async () => {
    // The card saved fine; by the due date its account has no funds (the sandbox's registration now carries the
    // insufficient-funds test card, as the issuer would answer).
    const declining = await savedCard(f.gql);
    const token = (await f.t.em().findOneOrFail(PaymentMethod, { id: idOf(declining, 'PaymentMethod')! })).providerToken!;
    f.sandbox.state.registrations.get(token)!.pan = '4000000000009995';
    const made = await schedule({ orderId: await newOrder(f.gql), paymentMethodId: declining, scheduledFor: inHours(1) });
    clock.advance(HOUR);
    await run();
    const failed = await read(made.scheduledPayment.id);
    expect(failed).toMatchObject({ status: 'FAILED', transaction: { status: 'DECLINED' }, failureCode: '11051' });
    expect(historyTypes(failed)).toEqual(['scheduled', 'run_started', 'declined']);
  });

  it('fails a schedule whose order was paid before the due time, without paying it again', async () => {
    const order = await newOrder(f.gql, '30.00');
    const made = await schedule({ orderId: order, scheduledFor: inHours(1) });
    await f.gql(PAY, { input: { provider: 'cardgateway', orderId: order, amount: eur('30.00'), source: { card: card() } } });
    clock.advance(HOUR);
    await run();
    const failed = await read(made.scheduledPayment.id);
    expect(failed).toMatchObject({ status: 'FAILED', transaction: null, failureCode: 'INVALID_STATE' });
  });

  it('cancels a schedule before its due time, and then never pays it', async () => {
    const made = await schedule({ orderId: await newOrder(f.gql), scheduledFor: inHours(1) });
    const cancelled = (await f.gql(CANCEL_SCHEDULE, { input: { scheduledPaymentId: made.scheduledPayment.id } })).data!.cancelScheduledPayment;
    expect(cancelled).toMatchObject({ userErrors: [], scheduledPayment: { status: 'CANCELLED' } });
    clock.advance(HOUR);
    await run();
    const after = await read(made.scheduledPayment.id);
    expect(after).toMatchObject({ status: 'CANCELLED', transaction: null });
    expect(historyTypes(after)).toEqual(['scheduled', 'cancelled']);
  });

  it('refuses to cancel at or after the due time with PAYMENT_DATE_PASSED on the field, and changes nothing', async () => {
    const made = await schedule({ orderId: await newOrder(f.gql), scheduledFor: inHours(1) });
    clock.advance(HOUR);
    const refused = (await f.gql(CANCEL_SCHEDULE, { input: { scheduledPaymentId: made.scheduledPayment.id } })).data!.cancelScheduledPayment;
    expect(refused).toMatchObject({ scheduledPayment: null, userErrors: [{ code: 'PAYMENT_DATE_PASSED', field: ['input', 'scheduledPaymentId'] }] });
    expect((await read(made.scheduledPayment.id)).status).toBe('SCHEDULED');
    await run();
    const ran = await read(made.scheduledPayment.id);
    expect(ran.status).toBe('SUCCEEDED');
    const again = (await f.gql(CANCEL_SCHEDULE, { input: { scheduledPaymentId: made.scheduledPayment.id } })).data!.cancelScheduledPayment;
    expect(again.userErrors).toEqual([expect.objectContaining({ code: 'PAYMENT_DATE_PASSED', field: ['input', 'scheduledPaymentId'] })]);
  });

  it('replays a schedule sent again with the same idempotency key, and refuses the key with other input', async () => {
    const input = { amount: eur('5.00'), paymentMethodId: method, orderId: await newOrder(f.gql), scheduledFor: inHours(3), idempotencyKey: 'sch-replay-1' };
    const first = (await f.gql(SCHEDULE, { input })).data!.schedulePayment;
    const second = (await f.gql(SCHEDULE, { input })).data!.schedulePayment;
    expect(second).toMatchObject({ replayed: true, scheduledPayment: { id: first.scheduledPayment.id } });
    const other = (await f.gql(SCHEDULE, { input: { ...input, amount: eur('6.00') } })).data!.schedulePayment;
    expect(other.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  describe('bad input: a userError naming the field, nothing written', () => {
    const refusedWith = async (input: Record<string, unknown>, key?: string) => {
      const before = await rows();
      const events = await f.t.em().count(ScheduledPaymentEvent, {});
      const answer = key
        ? (await f.t.gql(SCHEDULE, { input: { amount: eur('10.00'), paymentMethodId: method, scheduledFor: inHours(1), ...input } }, { key })).data!.schedulePayment
        : await schedule(input);
      expect(answer.scheduledPayment).toBeNull();
      expect(await rows()).toBe(before);
      expect(await f.t.em().count(ScheduledPaymentEvent, {})).toBe(events);
      return answer.userErrors[0];
    };

    it('refuses a due time in the past, or now', async () => {
      const order = await newOrder(f.gql);
      expect(await refusedWith({ orderId: order, scheduledFor: inHours(-1) })).toMatchObject({ code: 'SCHEDULED_FOR_NOT_IN_FUTURE', field: ['input', 'scheduledFor'] });
      expect(await refusedWith({ orderId: order, scheduledFor: clock.now().toISOString() })).toMatchObject({ code: 'SCHEDULED_FOR_NOT_IN_FUTURE', field: ['input', 'scheduledFor'] });
    });

    it('refuses a cancelled order and a paid order', async () => {
      const cancelled = await newOrder(f.gql);
      await f.t.em().nativeUpdate(Order, { id: idOf(cancelled, 'Order')! }, { status: OrderStatus.CANCELLED });
      expect(await refusedWith({ orderId: cancelled })).toMatchObject({ code: 'INVALID_STATE', field: ['input', 'orderId'] });
      const paid = await newOrder(f.gql, '10.00');
      await f.gql(PAY, { input: { provider: 'cardgateway', orderId: paid, amount: eur('10.00'), source: { card: card() } } });
      expect(await refusedWith({ orderId: paid })).toMatchObject({ code: 'INVALID_STATE', field: ['input', 'orderId'] });
    });

    it('refuses a removed payment method', async () => {
      const removed = await savedCard(f.gql);
      await f.gql(REMOVE_METHOD, { input: { paymentMethodId: removed } });
      expect(await refusedWith({ orderId: await newOrder(f.gql), paymentMethodId: removed })).toMatchObject({ code: 'INVALID_STATE', field: ['input', 'paymentMethodId'] });
    });

    it('refuses neither order nor customer, and a currency other than the order\'s', async () => {
      expect(await refusedWith({})).toMatchObject({ code: 'ORDER_OR_CUSTOMER_REQUIRED', field: ['input', 'orderId'] });
      expect(await refusedWith({ orderId: await newOrder(f.gql), amount: { amount: '10.00', currency: 'USD' } })).toMatchObject({ field: ['input', 'amount', 'currency'] });
    });

    it("treats another site's order, payment method and scheduled payment as not found", async () => {
      const other = await cardMerchant(f.t, 'Other merchant');
      const theirs = await savedCard((q, v) => f.t.gql(q, v, { key: other.key }));
      expect(await refusedWith({ orderId: await newOrder(f.gql), paymentMethodId: theirs })).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'paymentMethodId'] });
      const mine = await schedule({ orderId: await newOrder(f.gql), scheduledFor: inHours(5) });
      const cancel = (await f.t.gql(CANCEL_SCHEDULE, { input: { scheduledPaymentId: mine.scheduledPayment.id } }, { key: other.key })).data!.cancelScheduledPayment;
      expect(cancel.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'scheduledPaymentId'] })]);
      expect((await f.t.gql(SCHEDULED, { id: mine.scheduledPayment.id }, { key: other.key })).data!.scheduledPayment).toBeNull();
      expect((await read(mine.scheduledPayment.id)).status).toBe('SCHEDULED');
    });
  });
});
