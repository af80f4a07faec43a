import { createHash } from 'node:crypto';
import { DEMO_MERCHANT } from '../../src/providers/cardgateway/sandbox/server';
import { PAY, card, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

/**
 * Issue 6 part 1 item 8: an unauthenticated callback must not make the gateway call the provider with the
 * merchant's credentials, must not tell a stranger which payments exist, and must be found by an index.
 */
const THREE_DS_CARD = '4000000000003220';

describe('issue 6: unverifiable callbacks do not amplify or leak', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture({ RECONCILE_AFTER_MS: '0' });
  });
  afterAll(() => f?.t.close());

  const post = (body: Record<string, unknown>) =>
    fetch(`${f.t.running.providers.registry.publicUrl()}/callbacks/cardgateway`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function openPayment() {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '12.00', currency: 'EUR' }, source: { card: card(THREE_DS_CARD) }, returnUrl: 'https://shop.example/back' } });
    return res.data!.pay.transaction as { id: string; reference: string; providerTransactionId: string };
  }

  const inquiries = async () => (await sandboxRequests(f.sandbox)).filter((r) => r.body.paymentType === 'IN').length;

  it('makes no provider status query for 20 junk callbacks naming an open payment', async () => {
    const txn = await openPayment();
    const before = await inquiries();
    for (let i = 0; i < 20; i++) {
      const res = await post({ paymentId: txn.providerTransactionId, merchantTransactionId: txn.reference, amount: '12.00', transactionStatus: 'Y', status: 'capturesuccess', checksum: `${i}`.padStart(32, 'f') });
      expect(res.status).toBe(401);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect((await inquiries()) - before).toBe(0);
  });

  it('asks the provider at most once when one correctly signed notification is replayed 20 times while its payment stays open', async () => {
    const txn = await openPayment();
    const fields = { paymentId: txn.providerTransactionId, merchantTransactionId: txn.reference, amount: '12.00', transactionStatus: 'P' };
    const checksum = createHash('md5').update(`${fields.paymentId}|${fields.merchantTransactionId}|${fields.amount}|P|${DEMO_MERCHANT.secureKey}`).digest('hex');
    const before = await inquiries();
    const answers = new Set<number>();
    for (let i = 0; i < 20; i++) answers.add((await post({ ...fields, status: 'begun', currency: 'EUR', checksum })).status);
    expect([...answers]).toEqual([200]);
    expect((await inquiries()) - before).toBe(1);
  });

  it('answers an unknown reference and a known one with a bad checksum byte for byte the same', async () => {
    const txn = await openPayment();
    const bad = { amount: '12.00', transactionStatus: 'Y', status: 'capturesuccess', checksum: '0'.repeat(32) };
    const known = await post({ ...bad, paymentId: txn.providerTransactionId, merchantTransactionId: txn.reference });
    const unknown = await post({ ...bad, paymentId: '999999999', merchantTransactionId: 'no-such-reference' });
    const malformed = await post({ hello: 'world' });
    const answers = await Promise.all([known, unknown, malformed].map(async (r) => ({ status: r.status, type: r.headers.get('content-type'), body: await r.text() })));
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it.each([
    ['transaction', `select id from "transaction" where provider = 'cardgateway' and provider_transaction_id = '1'`],
    ['payout', `select id from "payout" where provider = 'cardgateway' and provider_transaction_id = '1'`],
    ['refund', `select id from "refund" where provider_transaction_id = '1'`],
    ['payment_operation', `select id from "payment_operation" where provider_transaction_id = '1'`],
  ])('finds a %s by the provider id through an index', async (_table, sql) => {
    // With a handful of rows the planner rightly prefers a scan; forbidding it shows whether an index exists.
    const plan = await f.t.em().fork().transactional(async (tx) => {
      await tx.execute('set local enable_seqscan = off');
      return tx.execute<{ 'QUERY PLAN': string }[]>(`explain ${sql}`);
    });
    const text = plan.map((line) => line['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index (Only )?Scan|Bitmap Index Scan/);
  });
});
