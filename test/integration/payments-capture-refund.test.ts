import { Refund } from '../../src/domain/refunds/refund.entity';
import { PaymentOperation } from '../../src/domain/payments/payment-operation.entity';
import { idOf } from '../../src/graphql/common/global-id';
import { CANCEL, CAPTURE, PAY, REFUND, card, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

describe('payments: authorize, capture, cancel, refund', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(() => f?.t.close());

  async function authorize(amount = '100.00') {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount, currency: 'EUR' }, source: { card: card() }, captureLater: true } });
    expect(res.data!.pay.transaction.status).toBe('AUTHORIZED');
    return res.data!.pay.transaction as { id: string; reference: string; providerTransactionId: string };
  }

  it('captures part of an authorization, refunds part of it, and refuses a second refund before anything is sent', async () => {
    const auth = await authorize();
    const captured = await f.gql(CAPTURE, { input: { transactionId: auth.id, amount: { amount: '60.00', currency: 'EUR' } } });
    expect(captured.data!.capturePayment.userErrors).toEqual([]);
    expect(captured.data!.capturePayment.transaction).toMatchObject({ status: 'SUCCEEDED', capturedAmount: { amount: '60.00' }, refundableAmount: { amount: '60.00' } });

    const refunded = await f.gql(REFUND, { input: { transactionId: auth.id, amount: { amount: '25.50', currency: 'EUR' }, reason: 'one item returned' } });
    expect(refunded.data!.refundPayment.userErrors).toEqual([]);
    expect(refunded.data!.refundPayment.refund).toMatchObject({ status: 'SUCCEEDED', amount: { amount: '25.50' }, reason: 'one item returned' });
    expect(refunded.data!.refundPayment.transaction).toMatchObject({ status: 'SUCCEEDED', refundedAmount: { amount: '25.50' }, refundableAmount: { amount: '34.50' } });

    const sentBefore = (await sandboxRequests(f.sandbox)).length;
    const second = await f.gql(REFUND, { input: { transactionId: auth.id, amount: { amount: '1.00', currency: 'EUR' } } });
    expect(second.data!.refundPayment).toMatchObject({ refund: null, userErrors: [{ code: 'REFUND_LIMIT_REACHED', field: ['input', 'transactionId'] }] });
    expect((await sandboxRequests(f.sandbox)).length).toBe(sentBefore);
    expect(await f.t.em().count(Refund, { transaction: idOf(auth.id, 'Transaction') })).toBe(1);
  });

  it('voids an authorization, after which it can be neither captured nor voided again', async () => {
    const auth = await authorize('40.00');
    const cancelled = await f.gql(CANCEL, { input: { transactionId: auth.id } });
    expect(cancelled.data!.cancelPayment).toMatchObject({ userErrors: [], transaction: { status: 'CANCELLED', capturedAmount: { amount: '0.00' } } });
    const capture = await f.gql(CAPTURE, { input: { transactionId: auth.id } });
    expect(capture.data!.capturePayment.userErrors[0].code).toBe('INVALID_STATE');
    const again = await f.gql(CANCEL, { input: { transactionId: auth.id } });
    expect(again.data!.cancelPayment.userErrors[0].code).toBe('INVALID_STATE');
  });

  it('refuses a capture above the authorized amount and writes and sends nothing', async () => {
    const auth = await authorize('30.00');
    const sentBefore = (await sandboxRequests(f.sandbox)).length;
    const res = await f.gql(CAPTURE, { input: { transactionId: auth.id, amount: { amount: '30.01', currency: 'EUR' } } });
    expect(res.data!.capturePayment).toMatchObject({ transaction: null, userErrors: [{ code: 'AMOUNT_EXCEEDS_AUTHORIZED', field: ['input', 'amount', 'amount'] }] });
    expect((await sandboxRequests(f.sandbox)).length).toBe(sentBefore);
    expect(await f.t.em().count(PaymentOperation, { transaction: idOf(auth.id, 'Transaction') })).toBe(0);
  });

  it('lets exactly one of two concurrent captures of the same authorization through', async () => {
    const auth = await authorize('50.00');
    const [a, b] = await Promise.all([
      f.gql(CAPTURE, { input: { transactionId: auth.id, amount: { amount: '50.00', currency: 'EUR' } } }),
      f.gql(CAPTURE, { input: { transactionId: auth.id, amount: { amount: '50.00', currency: 'EUR' } } }),
    ]);
    const results = [a, b].map((r) => r.data!.capturePayment);
    expect(results.filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    expect(results.flatMap((r) => r.userErrors.map((e: { code: string }) => e.code))).toEqual(['ALREADY_CAPTURED']);
    const captures = (await sandboxRequests(f.sandbox)).filter((r) => r.body.paymentType === 'CP' && r.path.endsWith(`/payments/${auth.providerTransactionId}`));
    expect(captures).toHaveLength(1);
    expect(await f.t.em().count(PaymentOperation, { transaction: idOf(auth.id, 'Transaction') })).toBe(1);
  });

  it('refuses one of two concurrent refunds whose sum exceeds the captured amount', async () => {
    const sale = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '20.00', currency: 'EUR' }, source: { card: card() } } });
    const id = sale.data!.pay.transaction.id;
    const [a, b] = await Promise.all([
      f.gql(REFUND, { input: { transactionId: id, amount: { amount: '15.00', currency: 'EUR' } } }),
      f.gql(REFUND, { input: { transactionId: id, amount: { amount: '15.00', currency: 'EUR' } } }),
    ]);
    const results = [a, b].map((r) => r.data!.refundPayment);
    expect(results.filter((r) => r.refund?.status === 'SUCCEEDED')).toHaveLength(1);
    expect(results.filter((r) => r.userErrors.length === 1)).toHaveLength(1);
    const refunds = await f.t.em().find(Refund, { transaction: idOf(id, 'Transaction') });
    expect(refunds.map((r) => String(r.amountMinor))).toEqual(['1500']);
  });
});
