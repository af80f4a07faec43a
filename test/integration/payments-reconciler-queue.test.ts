import { randomBytes } from 'node:crypto';
import { RECONCILE_QUEUE } from '../../src/jobs/reconciler';
import { TransactionEvent } from '../../src/domain/transactions/transaction-event.entity';
import { TransactionStatus } from '../../src/domain/transactions/transaction-status';
import { idOf } from '../../src/graphql/common/global-id';
import { type Running } from '../../src/app/bootstrap';
import { PAY, TRANSACTION, card, chargesAt, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

const SLOW_CARD = '4000000000000077';
const LOST_RESPONSE_CARD = '4000000000000341';
const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } } }`;
const ORDER = `query($id: ID!) { node(id: $id) { ... on Order { status } } }`;

/** Status queries (paymentType IN) the sandbox received for this reference, over its inspection API. */
async function statusQueries(f: PaymentsFixture, reference: string): Promise<number> {
  return (await sandboxRequests(f.sandbox)).filter((r) => r.body.paymentType === 'IN' && r.path.includes(reference)).length;
}

/**
 * Two gateway instances on one database, as behind a load balancer: the first is the usual test app (with the
 * cardgateway sandbox), the second a separate bootstrap of the same database that reaches that sandbox as its
 * configured provider URL.
 */
describe('reconciler on the job queue, two instances', () => {
  let f: PaymentsFixture;
  let second: Running;
  const env = { PROVIDER_TIMEOUT_MS: '400', RECONCILE_AFTER_MS: '0', RECONCILE_INTERVAL_MS: '0' };

  beforeAll(async () => {
    f = await startPaymentsFixture(env);
    f.sandbox.state.knobs.slowCardDelayMs = 1_500;
    second = await f.t.secondInstance({ ...env, CARDGATEWAY_BASE_URL: f.sandbox.baseUrl });
  });
  afterAll(async () => {
    await second?.close();
    await f?.t.close();
  });

  const statusQueriesFor = (reference: string) => statusQueries(f, reference);

  it('asks the provider once and records one settlement when both instances reconcile the same OUTCOME_UNKNOWN payment', async () => {
    const order = (await f.gql(CREATE_ORDER, { input: { reference: `q-${randomBytes(4).toString('hex')}`, amount: { amount: '19.99', currency: 'EUR' } } })).data!.createOrder.order.id;
    const paid = await f.gql(PAY, { input: { provider: 'cardgateway', orderId: order, amount: { amount: '19.99', currency: 'EUR' }, source: { card: card(SLOW_CARD) } } });
    const txn = paid.data!.pay.transaction;
    expect(txn.status).toBe('OUTCOME_UNKNOWN');
    await new Promise((r) => setTimeout(r, 1_300));
    expect(await chargesAt(f.sandbox, txn.reference)).toBe(1);

    // A slow status answer keeps the first job running while the other instance sweeps and fetches.
    f.sandbox.state.knobs.latencyMs = 250;
    try {
      await Promise.all([f.t.running.reconciler.runOnce(), second.reconciler.runOnce(), second.reconciler.runOnce(), f.t.running.reconciler.runOnce()]);
    } finally {
      f.sandbox.state.knobs.latencyMs = 0;
    }

    expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node.status).toBe('SUCCEEDED');
    expect(await statusQueriesFor(txn.reference)).toBe(1);
    const settlements = await f.t.em().count(TransactionEvent, { transaction: idOf(txn.id, 'Transaction'), toStatus: TransactionStatus.SUCCEEDED });
    expect(settlements).toBe(1);
    expect((await f.gql(ORDER, { id: order })).data!.node.status).toBe('PAID');
    const jobs = await f.t.em().execute<{ state: string }[]>(`select state from pgboss.job where name = ? and singleton_key = ?`, [RECONCILE_QUEUE, `Transaction:${idOf(txn.id, 'Transaction')}`]);
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    expect(jobs.every((j) => j.state === 'completed')).toBe(true);
  });

  it('keeps reconciling on the remaining instance after the other one stops', async () => {
    await second.close();
    const paid = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '5.00', currency: 'EUR' }, source: { card: card(LOST_RESPONSE_CARD) } } });
    const txn = paid.data!.pay.transaction;
    expect(txn.status).toBe('OUTCOME_UNKNOWN');
    await f.t.running.reconciler.runOnce();
    expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node.status).toBe('SUCCEEDED');
    expect(await statusQueriesFor(txn.reference)).toBe(1);
    expect(await chargesAt(f.sandbox, txn.reference)).toBe(1);
  });
});

describe('reconciler on the job queue, on its own timer', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture({ PROVIDER_TIMEOUT_MS: '400', RECONCILE_AFTER_MS: '0', RECONCILE_INTERVAL_MS: '200' });
  });
  afterAll(() => f?.t.close());

  it('settles an OUTCOME_UNKNOWN payment in the background, asking the provider once though the timer keeps sweeping', async () => {
    const paid = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '7.50', currency: 'EUR' }, source: { card: card(LOST_RESPONSE_CARD) } } });
    const txn = paid.data!.pay.transaction;
    expect(txn.status).toBe('OUTCOME_UNKNOWN');
    const deadline = Date.now() + 10_000;
    let status = txn.status as string;
    while (status !== 'SUCCEEDED' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await f.gql(TRANSACTION, { id: txn.id })).data!.node.status;
    }
    expect(status).toBe('SUCCEEDED');
    // Several more sweeps pass: the settled payment is not due any more, so nothing else is asked.
    await new Promise((r) => setTimeout(r, 600));
    expect(await statusQueries(f, txn.reference)).toBe(1);
    expect(await chargesAt(f.sandbox, txn.reference)).toBe(1);
  });
});
