import { toGlobalId } from '../../src/graphql/common/global-id';
import { REFUND } from '../integration/payments/payments-fixture';
import { MAX_PERSON, PaysafecardGateway } from '../providers/paysafecard/gateway-fixture';
import { MAX, sandboxRequests } from '../providers/paysafecard/sandbox-client';

let g: PaysafecardGateway;
beforeAll(async () => {
  g = await PaysafecardGateway.start();
}, 60_000);
// Closing waits for bounded steps (jobs up to 2 provider timeouts, the request drain up to 10 s); a stuck one is named on stderr.
afterAll(() => g?.close(), 120_000);

const max = MAX_PERSON;
const PAYOUT = `mutation($input: CreatePayoutInput!) { createPayout(input: $input) {
  payout { id status providerTransactionId failureCode failureReason amount { amount } } userErrors { code field message } } }`;
const LIMITS = `query($provider: String!, $currency: String!) { payoutLimits(provider: $provider, currency: $currency) {
  provider dailyLimit { amount currency } dailyPaidOut { amount } dailyRemaining { amount } } }`;
const CUSTOMER = `query($id: ID!) { node(id: $id) { ... on Customer { providerDetails { provider providerCustomerId firstName lastName birthDate email accountCreated } } } }`;

const payout = async (person: typeof max, amount = '5.00') =>
  (await g.gql(PAYOUT, { provider: 'paysafecard', amount: { amount, currency: 'EUR' }, customerId: await g.customer(person) })).data!.createPayout;

describe('issue 11: paysafecard refunds, payouts and limits through GraphQL', () => {
  it('pays out to the customer’s my paysafecard account: validated (capture:false), then captured', async () => {
    const result = await payout(max);
    expect(result.userErrors).toEqual([]);
    expect(result.payout).toMatchObject({ status: 'SUCCEEDED', amount: { amount: '5.00' } });
    const sent = (await sandboxRequests(g.sandbox)).filter((r) => r.path === '/v1/payouts' || r.path === `/v1/payouts/${result.payout.providerTransactionId}/capture`);
    expect(sent.map((r) => [r.path.endsWith('/capture') ? 'capture' : 'validate', (r.body as { capture?: boolean }).capture])).toEqual([
      ['validate', false],
      ['capture', undefined],
    ]);
    expect(g.sandbox.state.payouts.get(result.payout.providerTransactionId)?.status).toBe('SUCCESS');
  });

  it('refuses a payout whose details do not match the account: DECLINED with CUSTOMER_DETAILS_MISMATCH, nothing paid out', async () => {
    const result = await payout({ ...max, lastName: 'Someone' });
    expect(result.payout).toMatchObject({ status: 'DECLINED', failureCode: 'CUSTOMER_DETAILS_MISMATCH' });
    expect(result.payout.failureReason).toContain('customer_details_mismatched');
  });

  it('refuses a payout above the merchant’s daily limit with MERCHANT_LIMIT_EXCEEDED, and the payoutLimits query shows the limits', async () => {
    g.sandbox.state.knobs.dailyPayoutLimitCents = 1_000;
    try {
      const result = await payout(max, '20.00');
      expect(result.payout).toMatchObject({ status: 'DECLINED', failureCode: 'MERCHANT_LIMIT_EXCEEDED' });
      const limits = await g.t.gql(LIMITS, { provider: 'paysafecard', currency: 'EUR' }, { key: g.merchant.key });
      expect(limits.data?.payoutLimits).toEqual({ provider: 'paysafecard', dailyLimit: { amount: '10.00', currency: 'EUR' }, dailyPaidOut: { amount: '5.00' }, dailyRemaining: { amount: '5.00' } });
    } finally {
      g.sandbox.state.knobs.dailyPayoutLimitCents = 100_000_000;
    }
  });

  it('refunds a paysafecard payment: validated, then captured, to the account that paid', async () => {
    const { txn, settled } = await g.journey(max, MAX);
    expect(settled.status).toBe('SUCCEEDED');
    const res = await g.gql(REFUND, { transactionId: txn.id, amount: { amount: '4.00', currency: 'EUR' } });
    expect(res.data?.refundPayment).toMatchObject({ userErrors: [], refund: { status: 'SUCCEEDED', amount: { amount: '4.00' } }, transaction: { refundedAmount: { amount: '4.00' } } });
    const refunds = (await sandboxRequests(g.sandbox)).filter((r) => r.path.startsWith(`/v1/payments/${txn.providerTransactionId}/refunds`));
    expect(refunds.map((r) => (r.body as { capture: boolean }).capture)).toEqual([false, true]);
    expect(g.sandboxPayment(txn.providerTransactionId).refunds).toMatchObject([{ status: 'SUCCESS', amountCents: 400 }]);
  });

  it('refuses a refund above the paid amount before anything is sent', async () => {
    const { txn } = await g.journey(max, MAX);
    const before = (await sandboxRequests(g.sandbox)).length;
    const res = await g.gql(REFUND, { transactionId: txn.id, amount: { amount: '10.01', currency: 'EUR' } });
    expect(res.data?.refundPayment.userErrors).toMatchObject([{ code: 'AMOUNT_EXCEEDS_CAPTURED' }]);
    expect((await sandboxRequests(g.sandbox)).slice(before).filter((r) => r.path.includes('/refunds'))).toEqual([]);
  });

  it('shows the details paysafecard returned on the customer in GraphQL', async () => {
    const { txn } = await g.journey(max, MAX);
    const row = await g.t.em().getConnection().execute(`select customer_id from transaction where reference = ?`, [txn.reference]);
    const res = await g.t.gql(CUSTOMER, { id: toGlobalId('Customer', row[0].customer_id) }, { key: g.merchant.key });
    expect(res.data?.node.providerDetails).toEqual([
      { provider: 'paysafecard', providerCustomerId: '172853330915', firstName: 'Max Michael', lastName: 'Musterman', birthDate: '1990-09-28', email: 'max.mustermann@hotmail.com', accountCreated: '2020-09-28 22:05:51' },
    ]);
  });
});
