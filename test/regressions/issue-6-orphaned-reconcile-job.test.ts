import { RECONCILE_QUEUE } from '../../src/domain/payments/reconciler';
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
      (await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount, currency: 'EUR' }, card: card(LOST_RESPONSE_CARD) } })).data!.pay.transaction as { id: string; status: string };
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
});
