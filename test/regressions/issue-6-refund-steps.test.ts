import { startSteppingFixture, type SteppingFixture } from '../support/stepping-fixture';
import { steppingModules, STEPPING_KEY, type SteppingSandbox } from '../support/stepping-provider';
import { card, PAY, type PaymentsFixture } from '../integration/payments/payments-fixture';

/**
 * Issue 6 part 2 (2): a refund whose provider validates first (paysafecard's shape, through a test-only
 * provider with its own loopback sandbox) is two calls, each its own recovery point: whatever answer is lost,
 * recovery asks the provider about the step on the row, and the money goes back exactly once.
 */
const REFUND = `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) {
  refund { id status reference providerTransactionId } transaction { refundedAmount { amount } } userErrors { code field message } } }`;
const READ = `query($id: ID!) { node(id: $id) { ... on Refund { status transaction { refundedAmount { amount } } } } }`;
const CAPTURES = '/refunds/:reference/capture';

describe('issue 6: refunds that validate, then capture', () => {
  let f: PaymentsFixture;
  let sandbox: SteppingSandbox;
  let key: string;
  const eur = (amount: string) => ({ amount, currency: 'EUR' });
  const gql = async (query: string, input: object) => (await f.t.gql(query, { input }, { key })).data!;
  const paid = async () => (await gql(PAY, { provider: STEPPING_KEY, amount: eur('50.00'), source: { card: card() } })).pay.transaction.id as string;
  const refund = async (transactionId: string) => (await gql(REFUND, { transactionId, amount: eur('20.00') })).refundPayment;
  const read = async (id: string) => (await f.t.gql(READ, { id }, { key })).data!.node;
  const recover = () => fixture.recover();

  let fixture: SteppingFixture;
  beforeAll(async () => {
    fixture = await startSteppingFixture([steppingModules.plain]);
    ({ f, sandbox, key } = fixture);
  });
  afterAll(() => fixture?.close());

  it('validates, then captures once, in two calls', async () => {
    const before = { ...sandbox.calls };
    const answer = await refund(await paid());
    expect(answer).toMatchObject({ userErrors: [], refund: { status: 'SUCCEEDED', providerTransactionId: expect.any(String) }, transaction: { refundedAmount: { amount: '20.00' } } });
    expect(sandbox.paidOut(answer.refund.reference)).toBe(1);
    expect(sandbox.calls['/refunds'] - (before['/refunds'] ?? 0)).toBe(1);
    expect(sandbox.calls[CAPTURES] - (before[CAPTURES] ?? 0)).toBe(1);
  });

  it('recovers a capture whose answer was lost by asking the provider, never by capturing again', async () => {
    const transactionId = await paid();
    sandbox.loseNextAnswer('capture');
    const answer = await refund(transactionId);
    expect(answer.refund.status).toBe('OUTCOME_UNKNOWN');
    const captures = sandbox.calls[CAPTURES];
    await recover();
    expect(await read(answer.refund.id)).toEqual({ status: 'SUCCEEDED', transaction: { refundedAmount: { amount: '20.00' } } });
    expect(sandbox.paidOut(answer.refund.reference)).toBe(1);
    expect(sandbox.calls[CAPTURES]).toBe(captures);
  });

  it('goes on from a validation whose answer was lost: asks, then captures once', async () => {
    const transactionId = await paid();
    sandbox.loseNextAnswer('validate');
    const before = { ...sandbox.calls };
    const answer = await refund(transactionId);
    expect(answer.refund.status).toBe('OUTCOME_UNKNOWN');
    expect(sandbox.paidOut(answer.refund.reference)).toBe(0);
    await recover();
    expect((await read(answer.refund.id)).status).toBe('SUCCEEDED');
    expect(sandbox.paidOut(answer.refund.reference)).toBe(1);
    expect(sandbox.calls['/refunds'] - before['/refunds']).toBe(1);
    await recover();
    expect(sandbox.paidOut(answer.refund.reference)).toBe(1);
  });

  it('counts a validated refund against what is left to refund while its capture is still to come', async () => {
    const transactionId = await paid();
    sandbox.loseNextAnswer('capture');
    await refund(transactionId);
    const [second, third] = await Promise.all([gql(REFUND, { transactionId, amount: eur('30.00') }), gql(REFUND, { transactionId, amount: eur('0.01') })]);
    const refused = [second.refundPayment.userErrors, third.refundPayment.userErrors].flat().map((e: { code: string }) => e.code);
    expect(refused).toHaveLength(1);
    expect(['AMOUNT_EXCEEDS_CAPTURED', 'REFUND_LIMIT_REACHED']).toContain(refused[0]);
  });
});
