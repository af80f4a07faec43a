import { startSteppingFixture, type SteppingFixture } from '../support/stepping-fixture';
import { steppingModules, STEPPING_KEY, type SteppingSandbox } from '../support/stepping-provider';
import { card, type PaymentsFixture } from '../integration/payments/payments-fixture';

/**
 * Issue 6 part 2 (2): tokenize → pay. A provider that cannot save a card and charge it in one call (a
 * test-only provider with its own loopback sandbox) gets two calls: the tokenization (moves no money), then
 * the payment with the new token, begun as its own step and sent once. The card is never stored, so a
 * tokenization whose answer was lost ends the payment FAILED with nothing charged.
 */
const CREATE = `mutation($input: CreatePaymentMethodInput!) { createPaymentMethod(input: $input) {
  paymentMethod { id status last4 } transaction { id status reference capturedAmount { amount } declineCode } userErrors { code field message } } }`;
const READ = `query($id: ID!) { node(id: $id) { ... on Transaction { status declineCode capturedAmount { amount } paymentMethod { id } } } }`;

describe('issue 6: save a card, then charge it, as two steps', () => {
  let f: PaymentsFixture;
  let sandbox: SteppingSandbox;
  let key: string;
  const create = async () =>
    (await f.t.gql(CREATE, { input: { provider: STEPPING_KEY, card: card(), charge: { amount: { amount: '12.00', currency: 'EUR' } } } }, { key })).data!.createPaymentMethod;
  const read = async (id: string) => (await f.t.gql(READ, { id }, { key })).data!.node;
  const recover = () => fixture.recover();

  let fixture: SteppingFixture;
  beforeAll(async () => {
    fixture = await startSteppingFixture([steppingModules.plain]);
    ({ f, sandbox, key } = fixture);
  });
  afterAll(() => fixture?.close());

  it('saves the card, then charges the new token once', async () => {
    const before = { ...sandbox.calls };
    const answer = await create();
    expect(answer).toMatchObject({ userErrors: [], paymentMethod: { status: 'ACTIVE', last4: '1111' }, transaction: { status: 'SUCCEEDED', capturedAmount: { amount: '12.00' } } });
    expect((await read(answer.transaction.id)).paymentMethod).toEqual({ id: answer.paymentMethod.id });
    expect(sandbox.calls['/tokens'] - (before['/tokens'] ?? 0)).toBe(1);
    expect(sandbox.calls['/payments'] - (before['/payments'] ?? 0)).toBe(1);
    expect(sandbox.paidOut(answer.transaction.reference)).toBe(1);
  });

  it('recovers a charge whose answer was lost by asking the provider, never by charging again', async () => {
    sandbox.loseNextAnswer('pay');
    const answer = await create();
    expect(answer.transaction.status).toBe('OUTCOME_UNKNOWN');
    const charges = sandbox.calls['/payments'];
    await recover();
    expect(await read(answer.transaction.id)).toMatchObject({ status: 'SUCCEEDED', capturedAmount: { amount: '12.00' } });
    expect(sandbox.calls['/payments']).toBe(charges);
    expect(sandbox.paidOut(answer.transaction.reference)).toBe(1);
  });

  it('ends the payment FAILED with nothing charged when the tokenization answer was lost (the card is not kept)', async () => {
    sandbox.loseNextAnswer('tokenize');
    const charges = sandbox.calls['/payments'] ?? 0;
    const answer = await create();
    expect(answer.transaction.status).toBe('OUTCOME_UNKNOWN');
    expect(answer.paymentMethod).toBeNull();
    await recover();
    expect(await read(answer.transaction.id)).toMatchObject({ status: 'FAILED', declineCode: 'CARD_NOT_SAVED', capturedAmount: { amount: '0.00' } });
    expect(sandbox.calls['/payments'] ?? 0).toBe(charges);
  });
});
