import { Client } from 'pg';
import { resolveStored } from '../../src/domain/engine/resolve';
import { idOf } from '../../src/graphql/common/global-id';
import { unscoped } from '../../src/domain/tenancy';
import { paymentsEnvOf } from '../../src/graphql/context';
import { CAPTURE, PAY, REFUND, TRANSACTION, card, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

/**
 * Issue 6 item 2: two appliers of one settled capture or refund (the reconciler job and its retry, a callback)
 * both read the open row, then queue on the transaction's row lock; each must not count the money again once
 * the other has. A second PostgreSQL session holds that lock so both appliers are lined up behind it.
 */
describe('issue 6: one capture or refund is applied once however many appliers race', () => {
  let f: PaymentsFixture;
  let blocker: Client;
  beforeAll(async () => {
    f = await startPaymentsFixture({ PROVIDER_TIMEOUT_MS: '400', RECONCILE_AFTER_MS: '0' });
    blocker = new Client({ connectionString: f.t.running.deps.config.database.url });
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker?.end();
    await f?.t.close();
  });

  async function authorize(amount: string) {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount, currency: 'EUR' }, source: { card: card() }, captureLater: true } });
    expect(res.data!.pay.transaction.status).toBe('AUTHORIZED');
    return res.data!.pay.transaction as { id: string };
  }

  /** Two reconciler runs of `resource` start while the blocker holds the transaction row, then the blocker lets go. */
  async function settleTwiceBehindLock(transactionId: string, resource: string): Promise<void> {
    await blocker.query('begin');
    await blocker.query('select id from "transaction" where id = $1 for update', [idOf(transactionId, 'Transaction')]);
    const env = paymentsEnvOf(f.t.running.deps, unscoped(f.t.running.deps.orm.em));
    const both = Promise.all([resolveStored(env, resource), resolveStored(env, resource)]);
    try {
      await waitForLockWaiters(2);
    } finally {
      await blocker.query('commit');
    }
    await both;
  }

  async function waitForLockWaiters(n: number): Promise<void> {
    const until = Date.now() + 10_000;
    for (;;) {
      // Inside its transaction the blocker would see one frozen snapshot of the statistics views.
      await blocker.query('select pg_stat_clear_snapshot()');
      const { rows } = await blocker.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      if (rows[0].n >= n) return;
      if (Date.now() > until) throw new Error(`only ${rows[0].n} of ${n} appliers reached the row lock`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('counts a 50.00 capture whose answer was lost as 50.00 captured when two reconciler runs apply it at once', async () => {
    const auth = await authorize('100.00');
    f.sandbox.state.knobs.loseResponses = 1;
    const capture = await f.gql(CAPTURE, { input: { transactionId: auth.id, amount: { amount: '50.00', currency: 'EUR' } } });
    expect(capture.data!.capturePayment.userErrors).toEqual([]);
    const [op] = await f.t.em().getConnection().execute(`select id, status from payment_operation where transaction_id = ?`, [idOf(auth.id, 'Transaction')]);
    expect(op.status).toBe('OUTCOME_UNKNOWN');

    await settleTwiceBehindLock(auth.id, `PaymentOperation:${op.id}`);

    const txn = (await f.gql(TRANSACTION, { id: auth.id })).data!.node;
    expect(txn).toMatchObject({ status: 'SUCCEEDED', capturedAmount: { amount: '50.00' } });
    const events = await f.t.em().getConnection().execute(`select count(*)::int as n from transaction_event where transaction_id = ? and type = 'captured'`, [idOf(auth.id, 'Transaction')]);
    expect(events[0].n).toBe(1);
  });

  it('counts a 30.00 refund whose answer was lost as 30.00 refunded when two reconciler runs apply it at once', async () => {
    const auth = await authorize('100.00');
    expect((await f.gql(CAPTURE, { input: { transactionId: auth.id } })).data!.capturePayment.transaction.capturedAmount.amount).toBe('100.00');
    f.sandbox.state.knobs.loseResponses = 1;
    const refund = await f.gql(REFUND, { input: { transactionId: auth.id, amount: { amount: '30.00', currency: 'EUR' } } });
    expect(refund.data!.refundPayment.refund.status).toBe('OUTCOME_UNKNOWN');

    await settleTwiceBehindLock(auth.id, `Refund:${idOf(refund.data!.refundPayment.refund.id, 'Refund')}`);

    const txn = (await f.gql(TRANSACTION, { id: auth.id })).data!.node;
    expect(txn).toMatchObject({ refundedAmount: { amount: '30.00' }, refundableAmount: { amount: '70.00' } });
  });
});
