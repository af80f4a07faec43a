import { idOf } from '../../src/graphql/common/global-id';
import { PAY, TRANSACTION, card, cardMerchant, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

const THREE_DS_CARD = '4000000000003220';
const LOST_RESPONSE_CARD = '4000000000000341';

/** Issue 6, item 7: rows that never settle must not stop recovery for everyone else. */
describe('issue 6: reconciler starvation', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture({ RECONCILE_AFTER_MS: '0', RECONCILE_MAX_ATTEMPTS: '2' });
    f.sandbox.state.knobs.sendCallbacks = false;
  });
  afterAll(() => f?.t.close());

  it('settles another site’s payment in the first sweep although one site has 150 abandoned 3-D Secure payments', async () => {
    for (let i = 0; i < 150; i++) {
      const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '1.00', currency: 'EUR' }, source: { card: card(THREE_DS_CARD) }, returnUrl: 'https://shop.example/back' } });
      expect(res.data!.pay.transaction.status).toBe('REQUIRES_ACTION');
    }
    const other = await cardMerchant(f.t, 'Other merchant');
    const paid = await f.t.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '5.00', currency: 'EUR' }, source: { card: card(LOST_RESPONSE_CARD) } } }, { key: other.key });
    const txn = paid.data!.pay.transaction;
    expect(txn.status).toBe('OUTCOME_UNKNOWN');

    await f.t.running.reconciler.runOnce();
    expect((await f.t.gql(TRANSACTION, { id: txn.id }, { key: other.key })).data!.node.status).toBe('SUCCEEDED');
  }, 60_000);

  it('parks a row that never settles after the configured attempts, visible to operators, without changing its status', async () => {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '2.00', currency: 'EUR' }, source: { card: card(THREE_DS_CARD) }, returnUrl: 'https://shop.example/back' } });
    const txn = res.data!.pay.transaction;
    const target = `Transaction:${idOf(txn.id, 'Transaction')}`;
    // Every other row waits an hour, so each sweep asks about this one only.
    await f.t.em().execute(
      `insert into reconcile_attempt (resource, site_id, next_attempt_at) select 'Transaction:' || id, site_id, now() + interval '1 hour' from "transaction"
       on conflict (resource) do update set next_attempt_at = excluded.next_attempt_at`,
    );
    for (let i = 0; i < 3; i++) {
      await f.t.em().execute(`update reconcile_attempt set next_attempt_at = now() - interval '1 second' where resource = ? and parked_at is null`, [target]);
      await f.t.running.reconciler.runOnce();
    }
    const parked = await f.t.em().execute<{ resource: string }[]>(`select resource from reconcile_attempt where parked_at is not null`);
    expect(parked.map((p) => p.resource)).toContain(`Transaction:${idOf(txn.id, 'Transaction')}`);
    expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node.status).toBe('REQUIRES_ACTION');
    expect(f.t.logs.some((line) => line.includes('parked'))).toBe(true);
  }, 60_000);
});
