import { startSteppingFixture, type SteppingFixture } from '../support/stepping-fixture';
import { SiteKind } from '../../src/domain/sites/site.entity';
import { ALL_SCOPES } from '../support/app';
import { steppingModules, type SteppingSandbox } from '../support/stepping-provider';
import { card, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

/**
 * Issue 6 part 2 (2): payments with more than one provider call, through test-only providers with their own
 * loopback sandboxes. (a) create → the customer authorizes at the provider → the gateway captures it, or
 * declines it when the provider's customer data is not the merchant's (paysafecard's shape); (b) the payment
 * pauses for the customer's fee choice → complete with the chosen option (Payneteasy's transfer rates). The
 * step that moves money is begun in a committed statement before its call and sent at most once, whoever
 * arrives (the customer's return, the reconciler, a retry); a lost answer is recovered by asking.
 */
const PAY = `mutation($input: PayInput!) { pay(input: $input) { transaction { id status reference
  nextAction { __typename ... on RedirectAction { url } ... on FeeSelectionAction { expiresAt feeOptions { id fee { amount currency } } } } } userErrors { code field message } } }`;
const SELECT = `mutation($input: SelectTransferFeeInput!) { selectTransferFee(input: $input) {
  transaction { id status fee { amount } amount { amount } } userErrors { code field message } replayed } }`;
const READ = `query($id: ID!) { node(id: $id) { ... on Transaction { status declineCode declineReason declineReasonCode fee { amount }
  capturedAmount { amount } events { edges { node { type } } } } } }`;
const CUSTOMER = `mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }`;

describe('issue 6: payments in steps', () => {
  let f: PaymentsFixture;
  let sandbox: SteppingSandbox;
  let key: string;
  let customerId: string;
  const eur = (amount: string) => ({ amount, currency: 'EUR' });
  const gql = async (query: string, variables: Record<string, unknown>, idempotencyKey?: string) =>
    (await f.t.gql(query, variables, { key, headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {} })).data!;
  const read = async (id: string) => (await gql(READ, { id })).node;
  const returnOf = (reference: string) => f.t.app.inject({ method: 'GET', url: `/callbacks/stepper-capture/return/${reference}` });
  const recover = () => fixture.recover();
  const owner = { firstName: 'Max', lastName: 'Mustermann', birthDate: '1985-04-12' };

  let fixture: SteppingFixture;
  beforeAll(async () => {
    fixture = await startSteppingFixture([steppingModules.capture, steppingModules.choice]);
    ({ f, sandbox, key } = fixture);
    customerId = (await gql(CUSTOMER, { input: { externalId: 'max', ...owner } })).createCustomer.customer.id;
  });
  afterAll(() => fixture?.close());

  describe('the customer authorizes, then the gateway captures or declines', () => {
    const start = async () => (await gql(PAY, { input: { provider: 'stepper-capture', amount: eur('25.00'), customerId } })).pay.transaction;

    it('waits for the customer, then captures once when the customer comes back', async () => {
      const txn = await start();
      expect(txn).toMatchObject({ status: 'REQUIRES_ACTION', nextAction: { __typename: 'RedirectAction', url: expect.stringContaining('/panel/') } });
      sandbox.authorize(txn.reference, owner);
      await returnOf(txn.reference);
      expect(await read(txn.id)).toMatchObject({ status: 'SUCCEEDED', capturedAmount: { amount: '25.00' }, declineCode: null });
      expect(sandbox.paidOut(txn.reference)).toBe(1);
    });

    it('captures once when the return, a second return and the reconciler arrive together', async () => {
      const txn = await start();
      sandbox.authorize(txn.reference, owner);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const captures = sandbox.calls['/payments/:reference/capture'] ?? 0;
      await Promise.all([returnOf(txn.reference), returnOf(txn.reference), f.t.running.reconciler.runOnce()]);
      expect((await read(txn.id)).status).toBe('SUCCEEDED');
      expect(sandbox.calls['/payments/:reference/capture'] - captures).toBe(1);
      expect(sandbox.paidOut(txn.reference)).toBe(1);
    });

    it('recovers a capture whose answer was lost by asking the provider, never by capturing again', async () => {
      const txn = await start();
      sandbox.authorize(txn.reference, owner);
      sandbox.loseNextAnswer('capture');
      await returnOf(txn.reference);
      expect((await read(txn.id)).status).toBe('REQUIRES_ACTION');
      const captures = sandbox.calls['/payments/:reference/capture'];
      await recover();
      expect(await read(txn.id)).toMatchObject({ status: 'SUCCEEDED', capturedAmount: { amount: '25.00' } });
      expect(sandbox.calls['/payments/:reference/capture']).toBe(captures);
      expect(sandbox.paidOut(txn.reference)).toBe(1);
    });

    it('never sends a capture again once it was begun, even if it never reached the provider (a crash right after the step committed)', async () => {
      const txn = await start();
      sandbox.authorize(txn.reference, owner);
      await f.t.em().getConnection().execute(`update "transaction" set step = 'complete' where reference = ?`, [txn.reference]);
      const captures = sandbox.calls['/payments/:reference/capture'] ?? 0;
      await returnOf(txn.reference);
      await recover();
      expect((await read(txn.id)).status).toBe('REQUIRES_ACTION');
      expect(sandbox.calls['/payments/:reference/capture'] ?? 0).toBe(captures);
      expect(sandbox.paidOut(txn.reference)).toBe(0);
    });

    it('declines at the provider a payment whose customer is not the merchant\'s, and shows the mismatch', async () => {
      const txn = await start();
      sandbox.authorize(txn.reference, { ...owner, lastName: 'Schmidt' });
      await returnOf(txn.reference);
      const read1 = await read(txn.id);
      expect(read1).toMatchObject({
        status: 'DECLINED',
        declineCode: 'CUSTOMER_DATA_MISMATCH',
        declineReasonCode: 'CUSTOMER_DATA_MISMATCH',
        declineReason: expect.stringMatching(/last name.*Schmidt.*Mustermann/),
        capturedAmount: { amount: '0.00' },
      });
      expect(read1.declineReason).toContain(`Last name at ${steppingModules.capture.displayName}: Schmidt.`);
      expect(read1.events.edges.map((e: { node: { type: string } }) => e.node.type)).toContain('customer_data_mismatch');
      expect(sandbox.paidOut(txn.reference)).toBe(0);
    });
  });

  describe('the customer chooses a fee, then the gateway completes', () => {
    const start = async () => (await gql(PAY, { input: { provider: 'stepper-choice', amount: eur('40.00'), source: { card: card() } } })).pay.transaction;
    const select = async (transactionId: string, feeOptionId: string, idempotencyKey?: string) => (await gql(SELECT, { input: { transactionId, feeOptionId } }, idempotencyKey)).selectTransferFee;

    it('pauses with the fee options and when they expire, then completes once with the chosen one', async () => {
      const txn = await start();
      expect(txn).toMatchObject({
        status: 'AWAITING_FEE_SELECTION',
        nextAction: { __typename: 'FeeSelectionAction', feeOptions: [{ id: 'gate-a', fee: eur('1.00') }, { id: 'gate-b', fee: eur('2.50') }] },
      });
      expect(new Date(txn.nextAction.expiresAt).getTime()).toBeGreaterThan(Date.now());
      const selected = await select(txn.id, 'gate-b');
      expect(selected).toMatchObject({ userErrors: [], transaction: { status: 'SUCCEEDED', fee: { amount: '2.50' }, amount: { amount: '40.00' } } });
      expect(sandbox.paidOut(txn.reference)).toBe(1);
    });

    it('refuses a second selection, and an option that was not offered, sending nothing', async () => {
      const txn = await start();
      expect((await select(txn.id, 'gate-z')).userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'feeOptionId'] })]);
      await select(txn.id, 'gate-a');
      const completions = sandbox.calls['/payments/:reference/complete'];
      expect((await select(txn.id, 'gate-b')).userErrors).toEqual([expect.objectContaining({ code: 'FEE_ALREADY_SELECTED', field: ['input', 'feeOptionId'] })]);
      expect(sandbox.calls['/payments/:reference/complete']).toBe(completions);
      expect((await read(txn.id)).fee).toEqual({ amount: '1.00' });
    });

    it('recovers a completion whose answer was lost by asking, and a retry of the same key sends nothing again', async () => {
      const txn = await start();
      sandbox.loseNextAnswer('complete');
      const first = await select(txn.id, 'gate-a', `fee-${txn.id}`);
      expect(first.transaction.status).toBe('OUTCOME_UNKNOWN');
      const completions = sandbox.calls['/payments/:reference/complete'];
      const retry = await select(txn.id, 'gate-a', `fee-${txn.id}`);
      expect(retry.replayed).toBe(true);
      await recover();
      expect(await read(txn.id)).toMatchObject({ status: 'SUCCEEDED', fee: { amount: '1.00' } });
      expect(sandbox.calls['/payments/:reference/complete']).toBe(completions);
      expect(sandbox.paidOut(txn.reference)).toBe(1);
    });

    it('refuses a selection for a provider without a fee choice', async () => {
      const txn = (await gql(PAY, { input: { provider: 'stepper-capture', amount: eur('5.00'), customerId } })).pay.transaction;
      expect((await select(txn.id, 'gate-a')).userErrors).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_BY_PROVIDER', field: ['input', 'transactionId'] })]);
    });
  });

  it('refuses a fee choice after the options expired, sending nothing', async () => {
    const g = await startPaymentsFixture({ CUSTOMER_ACTION_EXPIRY_MS: '1000' });
    try {
      g.t.running.providers.registry.register(steppingModules.choice, sandbox.baseUrl);
      const site = await g.t.sites().createSite('Slow chooser', SiteKind.MERCHANT, { 'stepper-choice': { ...steppingModules.choice.demo.credentials } });
      const slow = (await g.t.sites().createApiKey(site, 'slow key', ALL_SCOPES)).plaintext;
      const txn = (await g.t.gql(PAY, { input: { provider: 'stepper-choice', amount: eur('9.00'), source: { card: card() } } }, { key: slow })).data!.pay.transaction;
      await new Promise((resolve) => setTimeout(resolve, 1_200));
      const completions = sandbox.calls['/payments/:reference/complete'] ?? 0;
      const answer = (await g.t.gql(SELECT, { input: { transactionId: txn.id, feeOptionId: 'gate-a' } }, { key: slow })).data!.selectTransferFee;
      expect(answer.userErrors).toEqual([expect.objectContaining({ code: 'FEE_QUOTE_EXPIRED', field: ['input', 'feeOptionId'] })]);
      expect(sandbox.calls['/payments/:reference/complete'] ?? 0).toBe(completions);
    } finally {
      await g.t.close();
    }
  });
});
