import { randomUUID } from 'node:crypto';
import { card, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

/**
 * Issue 13 (write path): pay, capturePayment and refundPayment answer from the rows their phase 3 locked, wrote
 * and committed instead of reading them again. The answer must be exactly what a read of the same objects gives
 * afterwards, field for field, for every outcome (sale, decline, authorization, capture, refund) and for a
 * replay of the same key, which reads every object of the answer again, as before.
 */
const MONEY = 'amount currency';
const TX = `id status kind provider reference providerTransactionId declineCode declineReason declineReasonCode
  amount { ${MONEY} } capturedAmount { ${MONEY} } refundedAmount { ${MONEY} } refundableAmount { ${MONEY} } capturableAmount { ${MONEY} }
  fee { ${MONEY} } feeOptionId providerReportedAmount { ${MONEY} } providerReportedFee { ${MONEY} } onBehalfOfPartner metadata
  card { brand last4 expMonth expYear } availableActions createdAt updatedAt
  nextAction { __typename ... on RedirectAction { url method fields } ... on PollAction { pollAfterMs } }
  order { id } customer { id } paymentMethod { id }`;
const MOVEMENT = `id status reference amount { ${MONEY} } failureCode failureReason failureReasonCode createdAt updatedAt`;

const PAY = `mutation($input: PayInput!) { pay(input: $input) { transaction { ${TX} } userErrors { code } replayed } }`;
const CAPTURE = `mutation($input: CapturePaymentInput!) { capturePayment(input: $input) {
  transaction { ${TX} } operation { ${MOVEMENT} kind } userErrors { code } replayed } }`;
const REFUND = `mutation($input: RefundPaymentInput!) { refundPayment(input: $input) {
  transaction { ${TX} } refund { ${MOVEMENT} providerTransactionId reason } userErrors { code } replayed } }`;
// A capture's operation is no Node: the replay (which reads every object of the answer again) covers it.
const READ = `query($t: ID!, $m: ID!) { t: node(id: $t) { ... on Transaction { ${TX} } }
  m: node(id: $m) { ... on Refund { ${MOVEMENT} providerTransactionId reason } } }`;

describe('issue 13: a payment mutation answers with the rows it wrote, exactly as a read gives them', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(() => f?.t.close());

  /** Sends the mutation, then the same again under the same key (a replay), then reads the objects back. */
  async function sendTwiceAndRead(query: string, name: string, input: Record<string, unknown>, movement?: 'operation' | 'refund') {
    const key = randomUUID();
    const first = await f.gql(query, { input }, { headers: { 'idempotency-key': key } });
    const replay = await f.gql(query, { input }, { headers: { 'idempotency-key': key } });
    expect(first.errors).toBeUndefined();
    const answer = first.data![name];
    expect(answer.userErrors).toEqual([]);
    expect(answer.replayed).toBe(false);
    expect(replay.data![name]).toEqual({ ...answer, replayed: true });
    const read = await f.gql(READ, { t: answer.transaction.id, m: movement === 'refund' ? answer.refund.id : answer.transaction.id });
    expect(read.errors).toBeUndefined();
    expect(answer.transaction).toEqual(read.data!.t);
    if (movement === 'refund') expect(answer.refund).toEqual(read.data!.m);
    return answer;
  }

  const amount = (value: string) => ({ amount: value, currency: 'EUR' });

  it('answers a sale, a decline and an authorization as they read back', async () => {
    const sale = await sendTwiceAndRead(PAY, 'pay', { provider: 'cardgateway', amount: amount('12.00'), source: { card: card() }, metadata: { cart: '7' } });
    expect(sale.transaction).toMatchObject({ status: 'SUCCEEDED', capturedAmount: { amount: '12.00' }, metadata: { cart: '7' } });
    const declined = await sendTwiceAndRead(PAY, 'pay', { provider: 'cardgateway', amount: amount('5.00'), source: { card: card('4000000000000002') } });
    expect(declined.transaction.status).toBe('DECLINED');
    expect(declined.transaction.declineCode).not.toBeNull();
    const auth = await sendTwiceAndRead(PAY, 'pay', { provider: 'cardgateway', amount: amount('40.00'), source: { card: card() }, captureLater: true });
    expect(auth.transaction).toMatchObject({ status: 'AUTHORIZED', availableActions: expect.arrayContaining(['CAPTURE']) });
  });

  it('answers a capture and a refund, with their operation and refund rows, as they read back', async () => {
    const pay = (input: Record<string, unknown>) => f.gql(PAY, { input }, { headers: { 'idempotency-key': randomUUID() } });
    const auth = (await pay({ provider: 'cardgateway', amount: amount('40.00'), source: { card: card() }, captureLater: true })).data!.pay.transaction;
    const capture = await sendTwiceAndRead(CAPTURE, 'capturePayment', { transactionId: auth.id, amount: amount('40.00') }, 'operation');
    expect(capture.transaction).toMatchObject({ status: 'SUCCEEDED', capturedAmount: { amount: '40.00' } });
    expect(capture.operation).toMatchObject({ kind: 'CAPTURE', status: 'SUCCEEDED' });
    const refund = await sendTwiceAndRead(REFUND, 'refundPayment', { transactionId: auth.id, amount: amount('15.00'), reason: 'returned' }, 'refund');
    expect(refund.transaction).toMatchObject({ refundedAmount: { amount: '15.00' }, refundableAmount: { amount: '25.00' } });
    expect(refund.refund).toMatchObject({ status: 'SUCCEEDED', reason: 'returned' });
  });
});
