import { TransactionEvent } from '../../src/domain/transactions/transaction-event.entity';
import { idOf } from '../../src/graphql/common/global-id';
import { PAY, TRANSACTION, card, chargesAt, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

const EVENTS = `query($id: ID!) { node(id: $id) { ... on Transaction { status declineCode events { edges { node { type } } } } } }`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForStatus(f: PaymentsFixture, id: string, status: string, ms = 8_000): Promise<string> {
  const until = Date.now() + ms;
  let current = '';
  while (Date.now() < until && (current = (await f.gql(TRANSACTION, { id })).data!.node.status) !== status) await sleep(100);
  return current;
}

/** Issue 6, item 3: the provider charges after the gateway stopped waiting. */
describe('issue 6: a late provider success is never lost', () => {
  describe('with the provider’s own not-found window', () => {
    let f: PaymentsFixture;
    beforeAll(async () => {
      f = await startPaymentsFixture({ PROVIDER_TIMEOUT_MS: '400', RECONCILE_AFTER_MS: '0' });
    });
    afterAll(() => f?.t.close());

    it('keeps a payment the provider has not recorded yet unsettled past the call deadline, and settles it SUCCEEDED once the provider charges', async () => {
      f.sandbox.state.knobs.sendCallbacks = false;
      f.sandbox.state.knobs.lateProcessing = 1;
      f.sandbox.state.knobs.lateProcessingDelayMs = 3_000;
      const paid = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '12.00', currency: 'EUR' }, source: { card: card() } } });
      const txn = paid.data!.pay.transaction;
      expect(txn.status).toBe('OUTCOME_UNKNOWN');
      await sleep(2_000);
      await f.t.running.reconciler.runOnce();
      // Past the call deadline and answered "not found": never FAILED inside the provider's window. (On a slow
      // machine the provider's late charge and its notification may already have settled it.)
      expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node.status).not.toBe('FAILED');
      await sleep(1_500);
      expect(await chargesAt(f.sandbox, txn.reference)).toBe(1);
      await sleep(2_000);
      await f.t.running.reconciler.runOnce();
      expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node.status).toBe('SUCCEEDED');
      expect(await chargesAt(f.sandbox, txn.reference)).toBe(1);
    });
  });

  describe('with a short not-found window (configured for the test)', () => {
    let f: PaymentsFixture;
    beforeAll(async () => {
      f = await startPaymentsFixture({ PROVIDER_TIMEOUT_MS: '400', RECONCILE_AFTER_MS: '0', NOT_FOUND_FINAL_AFTER_MS: '2000' });
    });
    afterAll(() => f?.t.close());

    it('turns a FAILED "not received" payment into SUCCEEDED when the provider later reports the charge, records a late_success event and logs an error', async () => {
      f.sandbox.state.knobs.lateProcessing = 1;
      f.sandbox.state.knobs.lateProcessingDelayMs = 4_000;
      const paid = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '13.00', currency: 'EUR' }, source: { card: card() } } });
      const txn = paid.data!.pay.transaction;
      expect(txn.status).toBe('OUTCOME_UNKNOWN');
      await sleep(2_300);
      await f.t.running.reconciler.runOnce();
      expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node).toMatchObject({ status: 'FAILED', declineCode: 'NOT_RECEIVED_BY_PROVIDER' });

      // The provider processes its backlog and notifies the gateway; the gateway confirms with a status query.
      expect(await waitForStatus(f, txn.id, 'SUCCEEDED')).toBe('SUCCEEDED');
      const node = (await f.gql(EVENTS, { id: txn.id })).data!.node;
      expect(node.events.edges.map((e: { node: { type: string } }) => e.node.type)).toContain('late_success');
      expect(await f.t.em().count(TransactionEvent, { transaction: idOf(txn.id, 'Transaction'), type: 'late_success' })).toBe(1);
      expect(f.t.logs.some((line) => line.includes('"level":50') && line.includes('late'))).toBe(true);
      expect(await chargesAt(f.sandbox, txn.reference)).toBe(1);
    });
  });
});
