import { Client } from 'pg';
import { idOf } from '../../src/graphql/common/global-id';
import { CAPTURE, PAY, REFUND, card, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

const PARTIAL_APPROVAL_CARD = '4000000000000051';
const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id status } userErrors { code } } }`;
const ORDER = `query($id: ID!) { node(id: $id) { ... on Order { status } } }`;

/**
 * Issue 6 item 14: amounts a provider cannot carry are refused at input; a partial approval counts what the
 * provider approved; a deadlock inside a phase's DB transaction is retried instead of losing the result.
 */
describe('issue 6: amounts the provider can carry, partial approvals, and conflict retries', () => {
  let f: PaymentsFixture;
  let sql: Client;
  let n = 0;
  beforeAll(async () => {
    f = await startPaymentsFixture();
    sql = new Client({ connectionString: f.t.running.deps.config.database.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql?.end();
    await f?.t.close();
  });

  const pay = (input: Record<string, unknown>) => f.gql(PAY, { input: { provider: 'cardgateway', source: { card: card() }, ...input } });
  async function order(amount: string): Promise<string> {
    const res = await f.gql(CREATE_ORDER, { input: { reference: `ord-${++n}`, amount: { amount, currency: 'EUR' } } });
    return res.data!.createOrder.order.id;
  }

  it('refuses an amount longer than the provider can carry with a userError on input.amount, and sends and writes nothing', async () => {
    const sent = (await sandboxRequests(f.sandbox)).length;
    const res = await pay({ amount: { amount: '1000000000000.00', currency: 'EUR' } });
    expect(res.data!.pay).toMatchObject({ transaction: null, userErrors: [{ code: 'AMOUNT_TOO_LARGE', field: ['input', 'amount', 'amount'] }] });
    expect((await sandboxRequests(f.sandbox)).length).toBe(sent);
    expect((await sql.query(`select count(*)::int as n from "transaction" where amount_minor = 100000000000000`)).rows[0].n).toBe(0);
    expect((await pay({ amount: { amount: '999999999999.99', currency: 'EUR' } })).data!.pay.transaction.status).toBe('SUCCEEDED');
  });

  it('counts a sale the issuer approved 60.00 of 100.00 as 60.00 captured, keeps the mismatch, and refunds at most 60.00', async () => {
    const orderId = await order('100.00');
    const res = await pay({ orderId, amount: { amount: '100.00', currency: 'EUR' }, source: { card: card(PARTIAL_APPROVAL_CARD) } });
    const txn = res.data!.pay.transaction;
    expect(txn).toMatchObject({ status: 'SUCCEEDED', amount: { amount: '100.00' }, capturedAmount: { amount: '60.00' }, refundableAmount: { amount: '60.00' } });
    expect((await f.gql(ORDER, { id: orderId })).data!.node.status).toBe('PARTIALLY_PAID');
    const events = await sql.query(`select amount_minor from transaction_event where transaction_id = $1 and type = 'amount_mismatch'`, [idOf(txn.id, 'Transaction')]);
    expect(events.rows).toEqual([{ amount_minor: '6000' }]);
    const refund = await f.gql(REFUND, { input: { transactionId: txn.id } });
    expect(refund.data!.refundPayment).toMatchObject({ userErrors: [], refund: { status: 'SUCCEEDED', amount: { amount: '60.00' } } });
  });

  it('captures at most what a partially approved authorization holds', async () => {
    const auth = (await pay({ amount: { amount: '50.00', currency: 'EUR' }, source: { card: card(PARTIAL_APPROVAL_CARD) }, captureLater: true })).data!.pay.transaction;
    expect(auth.status).toBe('AUTHORIZED');
    const capture = await f.gql(CAPTURE, { input: { transactionId: auth.id } });
    expect(capture.data!.capturePayment).toMatchObject({ userErrors: [], transaction: { status: 'SUCCEEDED', capturedAmount: { amount: '30.00' } } });
  });

  it("records a capture whose phase-3 transaction was chosen as a deadlock's victim, by retrying it", async () => {
    const orderId = await order('100.00');
    const auth = (await pay({ orderId, amount: { amount: '100.00', currency: 'EUR' }, captureLater: true })).data!.pay.transaction;
    // A second session takes the order row, then (once the capture waits for it) the transaction row the capture
    // holds: a lock cycle. The capture waited first, so PostgreSQL aborts it; the blocker waits longer to decide.
    await sql.query('begin');
    await sql.query(`set local deadlock_timeout = '10s'`);
    await sql.query('select id from "order" where id = $1 for update', [idOf(orderId, 'Order')]);
    const capture = f.gql(CAPTURE, { input: { transactionId: auth.id, amount: { amount: '40.00', currency: 'EUR' } } });
    try {
      await waitForLockWaiters(1);
      await sql.query('select id from "transaction" where id = $1 for update', [idOf(auth.id, 'Transaction')]);
    } finally {
      await sql.query('commit');
    }
    const res = await capture;
    expect(res.errors).toBeUndefined();
    expect(res.data!.capturePayment).toMatchObject({ userErrors: [], transaction: { status: 'SUCCEEDED', capturedAmount: { amount: '40.00' } } });
    expect((await f.gql(ORDER, { id: orderId })).data!.node.status).toBe('PARTIALLY_PAID');
  });

  async function waitForLockWaiters(count: number): Promise<void> {
    const until = Date.now() + 10_000;
    for (;;) {
      // Inside its transaction this session would otherwise see one frozen snapshot of pg_stat_activity.
      await sql.query('select pg_stat_clear_snapshot()');
      const { rows } = await sql.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      if (rows[0].n >= count) return;
      if (Date.now() > until) throw new Error('the capture never waited for the order row');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
});
