import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { PAY, card, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';
import { PgSession, until } from '../support/pg-session';

const CAPTURE = `mutation($input: CapturePaymentInput!) { capturePayment(input: $input) {
  transaction { id status capturedAmount { amount } } operation { id kind status amount { amount currency } }
  userErrors { code field message } replayed } }`;
const CANCEL = `mutation($input: CancelPaymentInput!) { cancelPayment(input: $input) {
  transaction { id status } operation { id kind status } userErrors { code field message } } }`;

/**
 * Issue 6, item 13: a capture whose answer was lost came back as the AUTHORIZED payment with nothing captured
 * and no sign of the capture; and "not found" at the provider was judged from a moment taken before phase 1
 * committed, so a slow phase 1 let the reconciler fail a payment whose call was still in flight.
 */
describe('issue 6 (13): an operation whose outcome is unknown says so', () => {
  let f: PaymentsFixture;
  let other: PgSession;
  beforeAll(async () => {
    f = await startPaymentsFixture({
      PROVIDER_TIMEOUT_MS: '500',
      RECONCILE_AFTER_MS: '0',
      IDEMPOTENCY_TAKEOVER_AFTER_MS: '10000',
      PAYMENT_DB_LOCK_TIMEOUT_MS: '4000',
      PAYMENT_DB_STATEMENT_TIMEOUT_MS: '4000',
    });
    other = await PgSession.open(f.t.running.deps.config.database.url!);
  });
  afterAll(async () => {
    await other?.close();
    await f?.t.close();
  });

  const authorize = async () => {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '40.00', currency: 'EUR' }, source: { card: card() }, captureLater: true } });
    expect(res.data!.pay.transaction.status).toBe('AUTHORIZED');
    return res.data!.pay.transaction.id as string;
  };

  it('shows the capture whose answer was lost, with its amount and OUTCOME_UNKNOWN, beside the still AUTHORIZED payment', async () => {
    const transactionId = await authorize();
    f.sandbox.state.knobs.loseResponses = 1;
    const res = await f.gql(CAPTURE, { input: { transactionId, amount: { amount: '25.00', currency: 'EUR' } } });
    f.sandbox.state.knobs.loseResponses = 0;
    expect(res.data!.capturePayment).toMatchObject({
      userErrors: [],
      transaction: { id: transactionId, status: 'AUTHORIZED', capturedAmount: { amount: '0.00' } },
      operation: { kind: 'CAPTURE', status: 'OUTCOME_UNKNOWN', amount: { amount: '25.00', currency: 'EUR' } },
    });
  });

  it('shows the cancellation it sent in cancelPayment', async () => {
    const transactionId = await authorize();
    const res = await f.gql(CANCEL, { input: { transactionId } });
    expect(res.data!.cancelPayment).toMatchObject({ userErrors: [], transaction: { status: 'CANCELLED' }, operation: { kind: 'CANCEL', status: 'SUCCEEDED' } });
  });

  it('does not ask the provider about a payment whose phase 1 was slow while its call is still in flight', async () => {
    const siteId = f.merchant.site.id;
    f.sandbox.state.knobs.latencyMs = 350;
    // Inserting the payment row needs a key-share lock on its site: phase 1 waits here after the row got its
    // creation time, longer than the provider deadline (2 × 500 ms + 1 s).
    await other.lock(`select id from site where id = $1 for update`, [siteId]);
    const paying = f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '5.00', currency: 'EUR' }, source: { card: card() }, idempotencyKey: 'slow-phase-1' } });
    try {
      await until(async () => (await other.lockWaiters()) > 0, 'phase 1 to wait');
      await new Promise((r) => setTimeout(r, 2_300));
    } finally {
      await other.release();
    }
    await until(async () => (await other.query(`select 1 from "transaction" where site_id = $1 and amount_minor = 500`, [siteId])).length > 0, 'phase 1 to commit');
    await f.t.running.reconciler.runOnce();
    const res = await paying;
    f.sandbox.state.knobs.latencyMs = 0;
    const txn = res.data!.pay.transaction;
    expect(txn.status).toBe('SUCCEEDED');
    const inquiries = (await sandboxRequests(f.sandbox)).filter((r) => r.path.includes(`/payments/`) && JSON.stringify(r).includes(txn.reference));
    expect(inquiries).toEqual([]);
    expect((await f.t.em().findOneOrFail(Transaction, { reference: txn.reference })).status).toBe('SUCCEEDED');
  });
});
