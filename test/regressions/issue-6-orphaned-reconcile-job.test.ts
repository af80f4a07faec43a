import { RECONCILE_QUEUE } from '../../src/jobs/reconciler';
import { idOf } from '../../src/graphql/common/global-id';
import { PAY, TRANSACTION, card, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

const LOST_RESPONSE_CARD = '4000000000000341';

/** Issue 6, item 11: a job left active by a killed gateway must not stall recovery. */
describe('issue 6: an orphaned reconcile job', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture({ PROVIDER_TIMEOUT_MS: '400', RECONCILE_AFTER_MS: '0' });
  });
  afterAll(() => f?.t.close());

  it('settles every due payment at once although a killed instance left one of their jobs active', async () => {
    const pay = async (amount: string) =>
      (await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount, currency: 'EUR' }, source: { card: card(LOST_RESPONSE_CARD) } } })).data!.pay.transaction as { id: string; status: string };
    const stuck = await pay('3.00');
    const other = await pay('4.00');
    expect([stuck.status, other.status]).toEqual(['OUTCOME_UNKNOWN', 'OUTCOME_UNKNOWN']);
    // What a SIGKILLed instance leaves behind: its job for `stuck`, active, expiring in 15 minutes.
    await f.t.em().execute(
      `insert into pgboss.job (id, name, data, state, singleton_key, policy, started_on, expire_in)
       select gen_random_uuid(), name, ?::jsonb, 'active', ?, policy, now(), interval '15 minutes' from pgboss.queue where name = ?`,
      [JSON.stringify({ resource: `Transaction:${idOf(stuck.id, 'Transaction')}` }), `Transaction:${idOf(stuck.id, 'Transaction')}`, RECONCILE_QUEUE],
    );
    const started = Date.now();
    await f.t.running.reconciler.runOnce();
    expect((await f.gql(TRANSACTION, { id: other.id })).data!.node.status).toBe('SUCCEEDED');
    expect((await f.gql(TRANSACTION, { id: stuck.id })).data!.node.status).toBe('SUCCEEDED');
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('logs a stalled reconcile queue at error level in the gateway’s own log and exposes it as a gauge', async () => {
    // pg-boss 10 swallows its fetch errors; a queue nobody works shows as jobs that wait. Stop the workers.
    const boss = f.t.running.jobs.queue;
    await boss.offWork(RECONCILE_QUEUE);
    const paid = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '6.00', currency: 'EUR' }, source: { card: card(LOST_RESPONSE_CARD) } } });
    expect(paid.data!.pay.transaction.status).toBe('OUTCOME_UNKNOWN');
    await f.t.running.reconciler.sweep();
    expect(f.t.running.reconciler.stalledJobs).toBe(0);
    await f.t.em().execute(`update pgboss.job set start_after = now() - interval '10 minutes', created_on = now() - interval '10 minutes' where name = ? and state = 'created'`, [RECONCILE_QUEUE]);
    await f.t.running.reconciler.sweep();
    expect(f.t.running.reconciler.stalledJobs).toBeGreaterThan(0);
    const logged = f.t.logs.map((line) => JSON.parse(line) as { level: number; msg: string }).filter((l) => l.msg.startsWith('reconcile queue stalled'));
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((l) => l.level === 50)).toBe(true);
  });
});
