import { TransactionStatus } from '../../src/domain/transactions/transaction-status';
import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { PAY, TRANSACTION, card, chargesAt, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

const SLOW_CARD = '4000000000000077';
const LOST_RESPONSE_CARD = '4000000000000341';

describe('payments: outcome unknown and recovery', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    // The provider's not-found window (hours in production) shortened to just past the call deadline.
    f = await startPaymentsFixture({ PROVIDER_TIMEOUT_MS: '400', RECONCILE_AFTER_MS: '0', NOT_FOUND_FINAL_AFTER_MS: '1800' });
    f.sandbox.state.knobs.slowCardDelayMs = 1_500;
  });
  afterAll(() => f?.t.close());

  const input = (number: string, idempotencyKey: string) => ({ provider: 'cardgateway', amount: { amount: '19.99', currency: 'EUR' }, source: { card: card(number) }, idempotencyKey });

  it('marks a payment whose provider timed out after charging OUTCOME_UNKNOWN, settles it as SUCCEEDED, and a retry with the same key returns that result without a second charge', async () => {
    const first = await f.gql(PAY, { input: input(SLOW_CARD, 'order-1001-attempt') });
    const txn = first.data!.pay.transaction;
    expect(txn.status).toBe('OUTCOME_UNKNOWN');
    await new Promise((r) => setTimeout(r, 1_300));
    expect(await chargesAt(f.sandbox, txn.reference)).toBe(1);

    await f.t.running.reconciler.runOnce();
    expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node.status).toBe('SUCCEEDED');

    const retry = await f.gql(PAY, { input: input(SLOW_CARD, 'order-1001-attempt') });
    expect(retry.data!.pay).toMatchObject({ replayed: true, userErrors: [], transaction: { id: txn.id, status: 'SUCCEEDED', capturedAmount: { amount: '19.99' } } });
    expect(await chargesAt(f.sandbox, txn.reference)).toBe(1);
    expect(await f.t.em().count(Transaction, { amountMinor: 1999n, status: TransactionStatus.SUCCEEDED })).toBe(1);
  });

  it('treats a connection dropped after the charge as OUTCOME_UNKNOWN and never charges again while settling it', async () => {
    const first = await f.gql(PAY, { input: input(LOST_RESPONSE_CARD, 'lost-response-1') });
    const txn = first.data!.pay.transaction;
    expect(txn.status).toBe('OUTCOME_UNKNOWN');
    await f.t.running.reconciler.runOnce();
    expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node.status).toBe('SUCCEEDED');
    expect(await chargesAt(f.sandbox, txn.reference)).toBe(1);
  });

  it('fails a payment the provider never received (HTTP 503) once the provider’s not-found window has passed', async () => {
    f.sandbox.state.knobs.fail503 = 1;
    const first = await f.gql(PAY, { input: input('4111111111111111', 'never-received-1') });
    const txn = first.data!.pay.transaction;
    expect(txn.status).toBe('OUTCOME_UNKNOWN');
    await f.t.running.reconciler.runOnce();
    expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node.status).toBe('OUTCOME_UNKNOWN');
    await new Promise((r) => setTimeout(r, 1_900));
    // Past the window now. runOnce waits a bounded time for the queued job; on a loaded machine the job can
    // finish after that, so ask again (bounded) rather than read once.
    let settled: { status: string; declineCode: string | null } = { status: '', declineCode: null };
    for (const until = Date.now() + 20_000; Date.now() < until && settled.status !== 'FAILED'; ) {
      await f.t.running.reconciler.runOnce();
      settled = (await f.gql(TRANSACTION, { id: txn.id })).data!.node;
    }
    expect(settled).toMatchObject({ status: 'FAILED', declineCode: 'NOT_RECEIVED_BY_PROVIDER' });
    expect(await chargesAt(f.sandbox, txn.reference)).toBe(0);
  });
});
