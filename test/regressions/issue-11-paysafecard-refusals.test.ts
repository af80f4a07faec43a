import { randomUUID } from 'node:crypto';
import { idOf } from '../../src/graphql/common/global-id';
import { MAX_PERSON, PaysafecardGateway } from '../providers/paysafecard/gateway-fixture';
import { sandboxRequests, setKnobs } from '../providers/paysafecard/sandbox-client';

let g: PaysafecardGateway;
let customerId: string;
let paymentId: string;
beforeAll(async () => {
  g = await PaysafecardGateway.start();
  ({ customerId, paymentId } = await g.paidCustomer());
}, 60_000);
afterAll(() => g?.close(), 60_000);

const max = MAX_PERSON;
const PAYOUT = `mutation($input: CreatePayoutInput!) { createPayout(input: $input) {
  payout { id status failureCode failureReason providerTransactionId } replayed userErrors { code field message } } }`;
const REFUND = `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) {
  refund { id status failureCode failureReason } transaction { refundedAmount { amount } } replayed userErrors { code field message } } }`;

const AMOUNT = ['input', 'amount'];
const CUSTOMER = ['input', 'customerId'];
const PROVIDER = ['input', 'provider'];
const INPUT = ['input'];
const PAYMENT = ['input', 'transactionId'];

/** Every payout error number in paysafecard's payout table → the userError code and field. */
const PAYOUT_CASES: [number, string, string[]][] = [
  [3150, 'MISSING_PARAMETER', INPUT],
  [3161, 'MERCHANT_NOT_ALLOWED', PROVIDER],
  [3162, 'CUSTOMER_NOT_FOUND', CUSTOMER],
  [3164, 'DUPLICATE_REQUEST', INPUT],
  [3165, 'INVALID_AMOUNT', AMOUNT],
  [3166, 'MERCHANT_LIMIT_EXCEEDED', AMOUNT],
  [3167, 'CUSTOMER_LIMIT_EXCEEDED', AMOUNT],
  [3168, 'CUSTOMER_KYC_INSUFFICIENT', CUSTOMER],
  [3169, 'DUPLICATE_REQUEST', INPUT],
  [3170, 'TOPUP_LIMIT_EXCEEDED', AMOUNT],
  [3171, 'AMOUNT_BELOW_MINIMUM', AMOUNT],
  [3193, 'CUSTOMER_INACTIVE', CUSTOMER],
  [3194, 'CUSTOMER_LIMIT_EXCEEDED', AMOUNT],
  [3195, 'CUSTOMER_DETAILS_MISMATCH', CUSTOMER],
  [3197, 'MERCHANT_CUSTOMER_LIMIT_REACHED', CUSTOMER],
  [3198, 'CUSTOMER_MERCHANT_LIMIT_REACHED', CUSTOMER],
  [3199, 'PAYOUT_BLOCKED', CUSTOMER],
  [3777, 'PAYSAFECARD_3777', INPUT],
];

/** Every refund error number in paysafecard's refund table → the userError code and field. */
const REFUND_CASES: [number, string, string[]][] = [
  [3100, 'NOT_AVAILABLE', PAYMENT],
  [3103, 'DUPLICATE_REQUEST', INPUT],
  [3106, 'INVALID_AMOUNT', AMOUNT],
  [3150, 'MISSING_PARAMETER', INPUT],
  [3151, 'CURRENCY_MISMATCH', ['input', 'amount', 'currency']],
  [3161, 'MERCHANT_NOT_ALLOWED', PAYMENT],
  [3162, 'CUSTOMER_NOT_FOUND', PAYMENT],
  [3163, 'INVALID_PARAMETER', INPUT],
  [3164, 'DUPLICATE_REQUEST', INPUT],
  [3165, 'INVALID_AMOUNT', AMOUNT],
  [3167, 'CUSTOMER_LIMIT_EXCEEDED', AMOUNT],
  [3168, 'CUSTOMER_KYC_INSUFFICIENT', PAYMENT],
  [3169, 'DUPLICATE_REQUEST', INPUT],
  [3170, 'TOPUP_LIMIT_EXCEEDED', AMOUNT],
  [3171, 'AMOUNT_BELOW_MINIMUM', AMOUNT],
  [3179, 'REFUND_EXCEEDS_ORIGINAL', AMOUNT],
  [3180, 'INVALID_STATE', PAYMENT],
  [3181, 'CUSTOMER_DETAILS_MISMATCH', PAYMENT],
  [3182, 'MERCHANT_NOT_ALLOWED', PAYMENT],
  [3184, 'ORIGINAL_TRANSACTION_NOT_FOUND', PAYMENT],
  [3185, 'CUSTOMER_CREDENTIALS_MISSING', PAYMENT],
  [3193, 'CUSTOMER_INACTIVE', PAYMENT],
  [3194, 'CUSTOMER_LIMIT_EXCEEDED', AMOUNT],
  [3195, 'CUSTOMER_DETAILS_MISMATCH', PAYMENT],
  [3198, 'CUSTOMER_MERCHANT_LIMIT_REACHED', PAYMENT],
  [3199, 'PAYOUT_BLOCKED', PAYMENT],
];

const payoutRow = async (globalId: string) =>
  (await g.t.em().getConnection().execute(`select status, step, failure_code from payout where id = ?`, [idOf(globalId, 'Payout')]))[0];

describe('issue 11: every paysafecard refusal of a payout or refund reaches the caller as a userError', () => {
  it.each(PAYOUT_CASES)('answers payout error %i with the userError %s on %j, and keeps the payout DECLINED with that code', async (number, code, field) => {
    await setKnobs(g.sandbox, { refuseNextMovement: number });
    const res = await g.gql(PAYOUT, { provider: 'paysafecard', amount: { amount: '5.00', currency: 'EUR' }, customerId });
    const result = res.data!.createPayout;
    expect(res.errors).toBeUndefined();
    // A number the gateway has no name for keeps its raw code on the payout, but the userError says PROVIDER_REFUSED (issue 12).
    const userErrorCode = code.startsWith('PAYSAFECARD_') ? 'PROVIDER_REFUSED' : code;
    expect(result.userErrors).toEqual([{ code: userErrorCode, field, message: expect.stringContaining(String(number)) }]);
    expect(result.payout).toMatchObject({ status: 'DECLINED', failureCode: code });
    expect(await payoutRow(result.payout.id)).toEqual({ status: 'DECLINED', step: 'validate', failure_code: code });
    expect([...g.sandbox.state.payouts.values()].filter((p) => p.status === 'SUCCESS')).toHaveLength(0);
  });

  it.each(REFUND_CASES)('answers refund error %i with the userError %s on %j, and keeps the refund DECLINED with that code', async (number, code, field) => {
    await setKnobs(g.sandbox, { refuseNextMovement: number });
    const res = await g.gql(REFUND, { transactionId: paymentId, amount: { amount: '1.00', currency: 'EUR' } });
    const result = res.data!.refundPayment;
    expect(res.errors).toBeUndefined();
    expect(result.userErrors).toEqual([{ code, field, message: expect.stringContaining(String(number)) }]);
    expect(result).toMatchObject({ refund: { status: 'DECLINED', failureCode: code }, transaction: { refundedAmount: { amount: '0.00' } } });
  });

  it('keeps the provider’s own text in the message of a real details mismatch, and replays the same userErrors under the key', async () => {
    const other = await g.customer({ ...max, lastName: 'Someone' });
    const input = { idempotencyKey: randomUUID(), provider: 'paysafecard', amount: { amount: '5.00', currency: 'EUR' }, customerId: other };
    const first = (await g.gql(PAYOUT, input)).data!.createPayout;
    expect(first.userErrors).toEqual([{ code: 'CUSTOMER_DETAILS_MISMATCH', field: CUSTOMER, message: expect.stringContaining('Customer details mismatched') }]);
    const sent = (await sandboxRequests(g.sandbox)).length;
    const again = (await g.gql(PAYOUT, input)).data!.createPayout;
    expect(again).toEqual({ ...first, replayed: true });
    expect((await sandboxRequests(g.sandbox)).length).toBe(sent);
  });

  it('still answers a refund the provider accepts with no userErrors once the refusals are behind it', async () => {
    const res = (await g.gql(REFUND, { transactionId: paymentId, amount: { amount: '1.00', currency: 'EUR' } })).data!.refundPayment;
    expect(res).toMatchObject({ userErrors: [], refund: { status: 'SUCCEEDED' }, transaction: { refundedAmount: { amount: '1.00' } } });
  });
});
