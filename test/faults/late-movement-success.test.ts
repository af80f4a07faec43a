import { type Running } from '../../src/app/bootstrap';
import { Refund } from '../../src/domain/refunds/refund.entity';
import { TransactionEvent } from '../../src/domain/transactions/transaction-event.entity';
import { idOf } from '../../src/graphql/common/global-id';
import { callbackBody } from '../../src/providers/cardgateway/sandbox/notify';
import { DEMO_MERCHANT } from '../../src/providers/cardgateway/sandbox/server';
import { REFUND, TRANSACTION, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';
import { eur, eventually, LATE_ENV, lateRefund, paid, REFUND_NODE } from '../support/late-movements';

const RACE_ENV = { ...LATE_ENV, LATE_SUCCESS_CHECK_EVERY_MS: '300' };

/** Status queries (IN) the sandbox received about one of its payments. */
const inquiriesAbout = async (f: PaymentsFixture, paymentId: string) => (await sandboxRequests(f.sandbox)).filter((r) => r.body.paymentType === 'IN' && r.path.endsWith(`/${paymentId}`)).length;
const sandboxPayment = (f: PaymentsFixture, reference: string) => [...f.sandbox.state.payments.values()].find((p) => p.merchantTransactionId === reference)!;
const lateSuccesses = (f: PaymentsFixture, transactionId: string) => f.t.em().count(TransactionEvent, { transaction: idOf(transactionId, 'Transaction'), type: 'late_success' });

/** Posts a notification signed with the demo merchant's key, over HTTP, as the platform (or a replayer) would. */
async function postCallback(f: PaymentsFixture, body: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${f.t.running.providers.registry.publicUrl()}/callbacks/cardgateway`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.status;
}

/**
 * Faults around the late success of a refund (issue 6 item 3 for movements; docs/payments.md "Late success"):
 * two instances correcting at once, duplicated and forged notifications, and the refund limits afterwards.
 */
describe('faults: a refund the provider made after the gateway ended it', () => {
  let f: PaymentsFixture;
  let second: Running;
  beforeAll(async () => {
    f = await startPaymentsFixture(RACE_ENV);
    second = await f.t.secondInstance({ ...RACE_ENV, RECONCILE_INTERVAL_MS: '0', CARDGATEWAY_BASE_URL: f.sandbox.baseUrl });
  });
  afterAll(async () => {
    await second?.close();
    await f?.t.close();
  });

  it('is corrected once when two instances and three copies of the notification race to correct it', async () => {
    const txn = await paid(f, '30.00');
    f.sandbox.state.faults.callbackCopies = 3;
    try {
      const refundId = await lateRefund(f, txn.id, '30.00');
      // Slow status answers keep every path (both reconcilers, the notifications) asking at the same time.
      f.sandbox.state.knobs.latencyMs = 150;
      const read = async () => (await f.gql(REFUND_NODE, { id: refundId })).data!.node;
      const race = async () => {
        for (let i = 0; i < 40 && (await read()).status !== 'SUCCEEDED'; i += 1) {
          await Promise.all([f.t.running.reconciler.runOnce(), second.reconciler.runOnce(), new Promise((r) => setTimeout(r, 100))]);
        }
      };
      await race();
      expect((await read()).status).toBe('SUCCEEDED');
    } finally {
      f.sandbox.state.knobs.latencyMs = 0;
      f.sandbox.state.faults.callbackCopies = 1;
    }
    await eventually(async () => f.sandbox.state.callbacks.filter((c) => c.body.merchantTransactionId === txn.reference && c.httpStatus).length, (n) => n >= 3);
    expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node).toMatchObject({ refundedAmount: { amount: '30.00' }, refundableAmount: { amount: '0.00' } });
    expect(await lateSuccesses(f, txn.id)).toBe(1);
    expect(sandboxPayment(f, txn.reference).refundCount).toBe(1);
  });

  it('is corrected once when both instances, each told by its own verified notification, ask and correct at the same moment', async () => {
    const txn = await paid(f, '12.00');
    f.sandbox.state.knobs.sendCallbacks = false;
    try {
      // Part of the amount, so a second count would still fit under the captured amount: only the row lock stops it.
      const refundId = await lateRefund(f, txn.id, '5.00');
      await eventually(async () => sandboxPayment(f, txn.reference).refundCount, (n) => n === 1);
      // Two genuine-looking notifications that differ in their unsigned long status, so neither is a duplicate of
      // the other: each instance stores its own and asks. Slow inquiries keep both corrections in flight at once.
      const genuine = callbackBody(sandboxPayment(f, txn.reference), DEMO_MERCHANT.secureKey);
      f.sandbox.state.knobs.latencyMs = 200;
      const post = (app: typeof f.t.app, status: string) => app.inject({ method: 'POST', url: '/callbacks/cardgateway', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ ...genuine, status }) });
      const answers = await Promise.all([post(f.t.app, 'reversed'), post(second.built.app, 'capturesuccess'), f.t.running.reconciler.runOnce(), second.reconciler.runOnce()]);
      expect([answers[0].statusCode, answers[1].statusCode]).toEqual([200, 200]);
      expect((await f.gql(REFUND_NODE, { id: refundId })).data!.node.status).toBe('SUCCEEDED');
    } finally {
      f.sandbox.state.knobs.latencyMs = 0;
      f.sandbox.state.knobs.sendCallbacks = true;
    }
    expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node).toMatchObject({ refundedAmount: { amount: '5.00' } });
    expect(await lateSuccesses(f, txn.id)).toBe(1);
  });

  it('refuses a refund beyond what remains once the late refund is counted, and sends none', async () => {
    const txn = await paid(f, '20.00');
    const refundId = await lateRefund(f, txn.id, '20.00');
    await eventually(async () => (await f.gql(REFUND_NODE, { id: refundId })).data!.node.status, (s) => s === 'SUCCEEDED', { reconcile: f });
    const refundsSent = () => f.sandbox.state.requestsTo(`/payments/${sandboxPayment(f, txn.reference).paymentId}`).filter((r) => r.body.paymentType === 'RF').length;
    const sent = refundsSent();
    const again = await f.gql(REFUND, { input: { transactionId: txn.id, amount: eur('5.00') } });
    expect(again.data!.refundPayment.refund).toBeNull();
    expect(again.data!.refundPayment.userErrors).toEqual([expect.objectContaining({ code: expect.stringMatching(/REFUND_LIMIT_REACHED|AMOUNT_EXCEEDS_CAPTURED/) })]);
    expect(refundsSent()).toBe(sent);
    expect(await f.t.em().count(Refund, { transaction: idOf(txn.id, 'Transaction') })).toBe(1);
  });

  it('is not reopened by a duplicate or forged notification while the provider has not made it: only the provider’s answer counts', async () => {
    const txn = await paid(f, '25.00');
    // Taken in, but the provider does not get to it while this test runs.
    const refundId = await lateRefund(f, txn.id, '25.00', 60_000);
    const payment = sandboxPayment(f, txn.reference);
    // Signed (short status Y) with the merchant's key; the unsigned long status claims the refund was made.
    const forged = { ...callbackBody(payment, DEMO_MERCHANT.secureKey), status: 'reversed' };
    const asked = await inquiriesAbout(f, payment.paymentId);
    expect(await postCallback(f, forged)).toBe(200);
    expect(await inquiriesAbout(f, payment.paymentId)).toBe(asked + 1);
    expect(await postCallback(f, forged)).toBe(200);
    expect(await inquiriesAbout(f, payment.paymentId)).toBe(asked + 1);
    expect((await f.gql(REFUND_NODE, { id: refundId })).data!.node).toMatchObject({ status: 'FAILED', failureCode: 'NOT_RECEIVED_BY_PROVIDER' });
    expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node).toMatchObject({ refundedAmount: { amount: '0.00' }, refundableAmount: { amount: '25.00' } });
    expect(await lateSuccesses(f, txn.id)).toBe(0);
  });
});

describe('faults: the database keeps an ended movement ended', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture(LATE_ENV);
  });
  afterAll(() => f?.t.close());

  const setStatus = (table: string, id: string, status: string) => f.t.em().execute(`update "${table}" set status = ? where id = ?`, [status, id]);

  it('refuses any status change of a refund the provider refused, or ended otherwise than by inference, and allows only the late success', async () => {
    const txn = await paid(f, '10.00');
    const first = await f.gql(REFUND, { input: { transactionId: txn.id, amount: eur('4.00') } });
    expect(first.data!.refundPayment.refund.status).toBe('SUCCEEDED');
    const transactionId = idOf(txn.id, 'Transaction');
    const rows = await f.t.em().execute<{ id: string }[]>(
      `insert into refund (id, created_at, updated_at, site_id, transaction_id, amount_minor, currency, status, reference, failure_code, call_started_at)
       select gen_random_uuid(), now(), now(), site_id, id, 100, currency, s.status, 'rf-ended-' || s.code || '-' || gen_random_uuid(), s.code, now()
         from "transaction", (values ('DECLINED', '11051'), ('FAILED', 'PROVIDER_ERROR'), ('FAILED', 'NOT_RECEIVED_BY_PROVIDER')) as s(status, code)
        where id = ? returning id`,
      [transactionId],
    );
    const [declined, failed, notReceived] = rows.map((r) => r.id);
    await expect(setStatus('refund', declined, 'SUCCEEDED')).rejects.toThrow(/refund_ended_once|stays so/);
    await expect(setStatus('refund', failed, 'SUCCEEDED')).rejects.toThrow(/refund_ended_once|stays so/);
    await expect(setStatus('refund', notReceived, 'DECLINED')).rejects.toThrow(/refund_ended_once|stays so/);
    await expect(setStatus('refund', notReceived, 'SUCCEEDED')).resolves.toBeDefined();
    await expect(setStatus('refund', notReceived, 'FAILED')).rejects.toThrow(/settled_once|already SUCCEEDED/);
  });
});
