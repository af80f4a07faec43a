import { IdempotencyRecord } from '../../src/domain/idempotency/idempotency-record.entity';
import { card, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

const CREATE_METHOD = `mutation($input: CreatePaymentMethodInput!) { createPaymentMethod(input: $input) {
  paymentMethod { id status last4 } transaction { id status } userErrors { code field message } replayed } }`;
const DECLINED_CARD = '4000000000000002';

/**
 * Issue 6, item 10: a failed card save left its key IN_PROGRESS (then TOKENIZATION_INTERRUPTED) for 24 h,
 * against docs/idempotency.md, and an unanswered save was reported as "refused".
 */
describe('issue 6 (10): a card save that fails leaves its idempotency key usable', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(() => f?.t.close());

  const save = (number: string, idempotencyKey: string) => f.gql(CREATE_METHOD, { input: { provider: 'cardgateway', card: card(number), idempotencyKey } });
  const registrations = async () => (await sandboxRequests(f.sandbox)).filter((r) => r.path.endsWith('/registrations')).length;

  it('releases the key of a refused save: the same key asks the provider again and gets the same refusal', async () => {
    const before = await registrations();
    const first = await save(DECLINED_CARD, 'save-refused');
    expect(first.data!.createPaymentMethod).toMatchObject({ paymentMethod: null, userErrors: [{ code: 'PROVIDER_ERROR', field: ['input', 'card'] }] });
    expect(first.data!.createPaymentMethod.userErrors[0].message).toMatch(/refused/);
    const second = await save(DECLINED_CARD, 'save-refused');
    expect(second.data!.createPaymentMethod.userErrors).toEqual(first.data!.createPaymentMethod.userErrors);
    expect(await registrations()).toBe(before + 2);
    expect(await f.t.em().count(IdempotencyRecord, { key: 'save-refused' })).toBe(0);
  });

  it('says an unanswered save is unknown, not refused, and the same key then saves the card', async () => {
    f.sandbox.state.knobs.fail503 = 1;
    const first = await save('4111111111111111', 'save-unknown');
    const [error] = first.data!.createPaymentMethod.userErrors;
    expect(error).toMatchObject({ code: 'PROVIDER_OUTCOME_UNKNOWN', field: ['input', 'card'] });
    expect(error.message).not.toMatch(/refused/);
    expect(error.message).toMatch(/unknown|do not know/i);
    expect(error.message).toMatch(/same idempotency key/);

    const retry = await save('4111111111111111', 'save-unknown');
    expect(retry.data!.createPaymentMethod).toMatchObject({ userErrors: [], replayed: false, paymentMethod: { status: 'ACTIVE', last4: '1111' } });
    const replay = await save('4111111111111111', 'save-unknown');
    expect(replay.data!.createPaymentMethod).toMatchObject({ userErrors: [], replayed: true, paymentMethod: { id: retry.data!.createPaymentMethod.paymentMethod.id } });
  });
});
