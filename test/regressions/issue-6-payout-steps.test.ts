import { startSteppingFixture, type SteppingFixture } from '../support/stepping-fixture';
import { steppingModules, STEPPING_KEY, type SteppingSandbox } from '../support/stepping-provider';
import { card, type PaymentsFixture } from '../integration/payments/payments-fixture';

/**
 * Issue 6 part 2 (2): a movement in steps, each its own recovery point. A provider whose payouts validate
 * first (a test-only provider with its own loopback sandbox) pays out in two calls; whatever answer is lost,
 * recovery asks the provider about the step on the row and the money leaves exactly once.
 */
const PAYOUT = `mutation($input: CreatePayoutInput!) { createPayout(input: $input) {
  payout { id status reference providerTransactionId failureCode } userErrors { code field message } } }`;
const READ = `query($id: ID!) { node(id: $id) { ... on Payout { status providerTransactionId } } }`;

describe('issue 6: payouts that validate, then pay out', () => {
  let f: PaymentsFixture;
  let sandbox: SteppingSandbox;
  let key: string;
  const eur = (amount: string) => ({ amount, currency: 'EUR' });
  const pay = async () => (await f.t.gql(PAYOUT, { input: { provider: STEPPING_KEY, amount: eur('40.00'), destination: { card: card() } } }, { key })).data!.createPayout;
  const status = async (id: string) => (await f.t.gql(READ, { id }, { key })).data!.node.status;
  const recover = () => fixture.recover();

  let fixture: SteppingFixture;
  beforeAll(async () => {
    fixture = await startSteppingFixture([steppingModules.plain]);
    ({ f, sandbox, key } = fixture);
  });
  afterAll(() => fixture?.close());

  it('validates, then pays out once, in two calls', async () => {
    const before = { ...sandbox.calls };
    const payout = await pay();
    expect(payout).toMatchObject({ userErrors: [], payout: { status: 'SUCCEEDED', providerTransactionId: expect.any(String) } });
    expect(sandbox.paidOut(payout.payout.reference)).toBe(1);
    expect((sandbox.calls['/payouts'] ?? 0) - (before['/payouts'] ?? 0)).toBe(1);
    expect((sandbox.calls['/payouts/:reference/capture'] ?? 0) - (before['/payouts/:reference/capture'] ?? 0)).toBe(1);
  });

  it('recovers a pay-out whose answer was lost by asking the provider, never by paying out again', async () => {
    sandbox.loseNextAnswer('capture');
    const payout = await pay();
    expect(payout.payout.status).toBe('OUTCOME_UNKNOWN');
    const captures = sandbox.calls['/payouts/:reference/capture'];
    await recover();
    expect(await status(payout.payout.id)).toBe('SUCCEEDED');
    expect(sandbox.paidOut(payout.payout.reference)).toBe(1);
    expect(sandbox.calls['/payouts/:reference/capture']).toBe(captures);
  });

  it('goes on from a validation whose answer was lost (the request died between the steps): asks, then pays out once', async () => {
    sandbox.loseNextAnswer('validate');
    const before = { ...sandbox.calls };
    const payout = await pay();
    expect(payout.payout.status).toBe('OUTCOME_UNKNOWN');
    expect(sandbox.paidOut(payout.payout.reference)).toBe(0);
    await recover();
    expect(await status(payout.payout.id)).toBe('SUCCEEDED');
    expect(sandbox.paidOut(payout.payout.reference)).toBe(1);
    expect(sandbox.calls['/payouts'] - before['/payouts']).toBe(1);
    await recover();
    expect(sandbox.paidOut(payout.payout.reference)).toBe(1);
  });
});
