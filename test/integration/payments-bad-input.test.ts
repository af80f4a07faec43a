import { randomUUID } from 'node:crypto';
import { PaymentOperation } from '../../src/domain/payments/payment-operation.entity';
import { Payout } from '../../src/domain/payouts/payout.entity';
import { Refund } from '../../src/domain/refunds/refund.entity';
import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { toGlobalId } from '../../src/graphql/common/global-id';
import { CAPTURE, PAY, REFUND, card, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id } userErrors { code } } }`;

describe('payments: bad input gets a clear userError, writes nothing and sends nothing', () => {
  let f: PaymentsFixture;
  let declinedId: string;
  beforeAll(async () => {
    f = await startPaymentsFixture();
    const declined = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '5.00', currency: 'EUR' }, source: { card: card('4000000000000002') } } });
    declinedId = declined.data!.pay.transaction.id;
  });
  afterAll(() => f?.t.close());

  /** Runs the mutation and checks the userError, that no money row was added and the sandbox received nothing. */
  async function expectRefused(query: string, input: Record<string, unknown>, mutation: string, code: string, field?: string[]) {
    const em = f.t.em();
    const counts = async () => [await em.fork().count(Transaction, {}), await em.fork().count(Refund, {}), await em.fork().count(Payout, {}), await em.fork().count(PaymentOperation, {})];
    const rowsBefore = await counts();
    const sentBefore = (await sandboxRequests(f.sandbox)).length;
    const res = await f.gql(query, { input });
    expect(res.errors).toBeUndefined();
    const payload = res.data![mutation];
    expect(payload.userErrors).toEqual([expect.objectContaining({ code, ...(field ? { field } : {}) })]);
    expect(payload.userErrors[0].message).toEqual(expect.any(String));
    expect(await counts()).toEqual(rowsBefore);
    expect((await sandboxRequests(f.sandbox)).length).toBe(sentBefore);
    return payload.userErrors[0] as { message: string };
  }

  const pay = (extra: Record<string, unknown>) => ({ provider: 'cardgateway', amount: { amount: '10.00', currency: 'EUR' }, source: { card: card() }, ...extra });

  it('refuses an expired card', async () => {
    await expectRefused(PAY, pay({ source: { card: card('4111111111111111', { expMonth: 1, expYear: 2020 }) } }), 'pay', 'CARD_EXPIRED', ['input', 'source', 'card', 'expYear']);
  });

  it('refuses a card number that fails the Luhn check, without repeating it', async () => {
    const error = await expectRefused(PAY, pay({ source: { card: card('4111111111111112') } }), 'pay', 'INVALID_CARD_NUMBER', ['input', 'source', 'card', 'number']);
    expect(error.message).not.toContain('4111111111111112');
  });

  it('refuses a CVC that is not 3 or 4 digits', async () => {
    await expectRefused(PAY, pay({ source: { card: card('4111111111111111', { cvc: '12a' }) } }), 'pay', 'INVALID_CVC', ['input', 'source', 'card', 'cvc']);
  });

  it('refuses an amount with more decimals than the currency has', async () => {
    await expectRefused(PAY, pay({ amount: { amount: '10.555', currency: 'EUR' } }), 'pay', 'TOO_MANY_DECIMALS', ['input', 'amount', 'amount']);
  });

  it('refuses a payment in another currency than its order', async () => {
    const order = await f.gql(CREATE_ORDER, { input: { reference: 'order-usd-1', amount: { amount: '10.00', currency: 'USD' } } });
    const orderId = order.data!.createOrder.order.id;
    await expectRefused(PAY, pay({ orderId }), 'pay', 'CURRENCY_MISMATCH', ['input', 'amount', 'currency']);
  });

  it('refuses a currency the provider does not support with UNSUPPORTED_BY_PROVIDER', async () => {
    await expectRefused(PAY, pay({ amount: { amount: '1.250', currency: 'KWD' } }), 'pay', 'UNSUPPORTED_BY_PROVIDER', ['input', 'amount', 'currency']);
  });

  it('refuses an unknown provider', async () => {
    await expectRefused(PAY, pay({ provider: 'nosuchpsp' }), 'pay', 'UNKNOWN_PROVIDER', ['input', 'provider']);
  });

  it('refuses to capture a declined payment', async () => {
    await expectRefused(CAPTURE, { transactionId: declinedId }, 'capturePayment', 'INVALID_STATE', ['input', 'transactionId']);
  });

  it('refuses to refund a declined payment', async () => {
    await expectRefused(REFUND, { transactionId: declinedId }, 'refundPayment', 'INVALID_STATE', ['input', 'transactionId']);
  });

  it('answers NOT_FOUND for a refund of an unknown or malformed transaction id', async () => {
    await expectRefused(REFUND, { transactionId: toGlobalId('Transaction', randomUUID()) }, 'refundPayment', 'NOT_FOUND', ['input', 'transactionId']);
    await expectRefused(REFUND, { transactionId: 'not-an-id' }, 'refundPayment', 'NOT_FOUND', ['input', 'transactionId']);
  });

  it('refuses a provider the site has no credentials for', async () => {
    const bare = await f.t.merchant(undefined, 'No credentials');
    const before = await f.t.em().count(Transaction, {});
    const res = await f.t.gql(PAY, { input: pay({}) }, { key: bare.key });
    expect(res.data!.pay.userErrors).toEqual([expect.objectContaining({ code: 'PROVIDER_NOT_CONFIGURED', field: ['input', 'provider'] })]);
    expect(await f.t.em().count(Transaction, {})).toBe(before);
  });

  it("treats another site's transaction as not found", async () => {
    const other = await f.t.merchant(undefined, 'Other merchant');
    const res = await f.t.gql(REFUND, { input: { transactionId: declinedId } }, { key: other.key });
    expect(res.data!.refundPayment.userErrors[0].code).toBe('NOT_FOUND');
  });
});
