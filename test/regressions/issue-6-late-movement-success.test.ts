import { PaymentOperation } from '../../src/domain/payments/payment-operation.entity';
import { idOf } from '../../src/graphql/common/global-id';
import { CANCEL, CAPTURE, PAY, TRANSACTION, card, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';
import { WebhookReceiver } from '../support/webhook-receiver';
import { createEndpoint, FAST_WEBHOOKS } from '../support/webhooks';
import { endByInference, errorLogged, eur, eventTypes, eventually, LATE_DELAY_MS, LATE_ENV, lateRefund, nextOperationLate, paid, PAYOUT, PAYOUT_NODE, REFUND_NODE } from '../support/late-movements';

/**
 * Issue 6, item 3, for captures, refunds and payouts: the gateway ends a movement FAILED
 * NOT_RECEIVED_BY_PROVIDER after the provider had no record of it for its whole not-found window; the provider
 * then makes it after all. Left FAILED, the merchant refunds (or pays out) again and the money goes twice, or
 * the order shows unpaid while the card was captured. The provider's status answer must correct it.
 */
describe('issue 6: a capture, refund or payout the provider makes after the gateway ended it is corrected', () => {
  describe('told by the provider’s notification (the gateway then asks)', () => {
    let f: PaymentsFixture;
    let receiver: WebhookReceiver;
    beforeAll(async () => {
      f = await startPaymentsFixture({ ...LATE_ENV, ...FAST_WEBHOOKS });
      receiver = await WebhookReceiver.start();
      receiver.secrets = [(await createEndpoint(f.gql, receiver.url)).secret];
    });
    afterAll(async () => {
      await f?.t.close();
      await receiver?.close();
    });

    it('turns the refund SUCCEEDED, counts it as refunded once, records late_success, logs an error and sends the webhooks of a success', async () => {
      const txn = await paid(f, '30.00');
      const refundId = await lateRefund(f, txn.id, '30.00');

      const refund = await eventually(async () => (await f.gql(REFUND_NODE, { id: refundId })).data!.node, (r) => r.status === 'SUCCEEDED');
      expect(refund.status).toBe('SUCCEEDED');
      const after = (await f.gql(TRANSACTION, { id: txn.id })).data!.node;
      expect(after).toMatchObject({ status: 'SUCCEEDED', refundedAmount: { amount: '30.00' }, refundableAmount: { amount: '0.00' } });
      expect(await eventTypes(f, txn.id)).toContain('late_success');
      expect(errorLogged(f, 'late provider success')).toBe(true);
      expect([...f.sandbox.state.payments.values()].find((p) => p.merchantTransactionId === txn.reference)?.refundCount).toBe(1);
      const sent = (type: string, match: (data: Record<string, any>) => boolean) => receiver.accepted.some((r) => r.payload?.type === type && match(r.payload.data));
      const webhooks = await eventually(
        async () => [sent('refund.updated', (d) => d.id === refundId && d.status === 'SUCCEEDED' && d.previousStatus === 'FAILED'), sent('transaction.updated', (d) => d.id === txn.id && d.event?.type === 'late_success')],
        (both) => both.every(Boolean),
      );
      expect(webhooks).toEqual([true, true]);
    });
  });

  describe('found by the reconciler’s later look (no notification)', () => {
    let f: PaymentsFixture;
    beforeAll(async () => {
      f = await startPaymentsFixture({ ...LATE_ENV, LATE_SUCCESS_CHECK_EVERY_MS: '500' });
      f.sandbox.state.knobs.sendCallbacks = false;
    });
    afterAll(() => f?.t.close());

    it('corrects a refund the provider made late', async () => {
      const txn = await paid(f, '20.00');
      const refundId = await lateRefund(f, txn.id, '8.00');
      const refund = await eventually(async () => (await f.gql(REFUND_NODE, { id: refundId })).data!.node, (r) => r.status === 'SUCCEEDED', { reconcile: f });
      expect(refund.status).toBe('SUCCEEDED');
      expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node).toMatchObject({ refundedAmount: { amount: '8.00' }, refundableAmount: { amount: '12.00' } });
    });

    it('corrects a capture the provider made late: the payment is SUCCEEDED and captured', async () => {
      const txn = await paid(f, '40.00', true);
      nextOperationLate(f);
      const res = await f.gql(CAPTURE, { input: { transactionId: txn.id, amount: eur('40.00') } });
      expect(res.data!.capturePayment.transaction.status).toBe('AUTHORIZED');
      const capture = () => f.t.em().findOneOrFail(PaymentOperation, { transaction: idOf(txn.id, 'Transaction') });
      await endByInference(f, capture);
      const node = await eventually(async () => (await f.gql(TRANSACTION, { id: txn.id })).data!.node, (n) => n.status === 'SUCCEEDED', { reconcile: f });
      expect(node).toMatchObject({ status: 'SUCCEEDED', capturedAmount: { amount: '40.00' } });
      expect((await capture()).status).toBe('SUCCEEDED');
      expect(await eventTypes(f, txn.id)).toContain('late_success');
    });

    it('corrects a void the provider made late: the payment is CANCELLED and nothing stays authorized', async () => {
      const txn = await paid(f, '25.00', true);
      nextOperationLate(f);
      const res = await f.gql(CANCEL, { input: { transactionId: txn.id } });
      expect(res.data!.cancelPayment.userErrors).toEqual([]);
      const voided = () => f.t.em().findOneOrFail(PaymentOperation, { transaction: idOf(txn.id, 'Transaction') });
      await endByInference(f, voided);
      expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node.status).toBe('AUTHORIZED');
      const node = await eventually(async () => (await f.gql(TRANSACTION, { id: txn.id })).data!.node, (n) => n.status === 'CANCELLED', { reconcile: f });
      expect(node.status).toBe('CANCELLED');
      expect((await voided()).status).toBe('SUCCEEDED');
      expect(await eventTypes(f, txn.id)).toContain('late_success');
      expect(errorLogged(f, 'late provider success')).toBe(true);
    });

    it('corrects a payout the provider made late', async () => {
      nextOperationLate(f);
      const res = await f.gql(PAYOUT, { input: { provider: 'cardgateway', amount: eur('15.00'), destination: { card: card() } } });
      const payout = res.data!.createPayout.payout;
      expect(payout.status).toBe('OUTCOME_UNKNOWN');
      const read = async () => (await f.gql(PAYOUT_NODE, { id: payout.id })).data!.node;
      await endByInference(f, read);
      expect((await eventually(read, (p) => p.status === 'SUCCEEDED', { reconcile: f })).status).toBe('SUCCEEDED');
      expect(errorLogged(f, 'late provider success')).toBe(true);
      expect(f.sandbox.state.chargeCount(payout.reference)).toBe(1);
    });

    it('corrects a payment the provider charged late, which no notification reports either', async () => {
      f.sandbox.state.knobs.lateProcessing = 1;
      f.sandbox.state.knobs.lateProcessingDelayMs = LATE_DELAY_MS;
      const txn = (await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('11.00'), source: { card: card() } } })).data!.pay.transaction;
      expect(txn.status).toBe('OUTCOME_UNKNOWN');
      const read = async () => (await f.gql(TRANSACTION, { id: txn.id })).data!.node;
      await endByInference(f, async () => ({ ...(await read()), failureCode: (await read()).declineCode }));
      expect((await eventually(read, (n) => n.status === 'SUCCEEDED', { reconcile: f })).status).toBe('SUCCEEDED');
      expect(await eventTypes(f, txn.id)).toContain('late_success');
    });
  });

  describe('only for a bounded time after the row ended (LATE_SUCCESS_CHECK_FOR_MS)', () => {
    let f: PaymentsFixture;
    beforeAll(async () => {
      f = await startPaymentsFixture({ ...LATE_ENV, LATE_SUCCESS_CHECK_EVERY_MS: '300', LATE_SUCCESS_CHECK_FOR_MS: '1000' });
      f.sandbox.state.knobs.sendCallbacks = false;
    });
    afterAll(() => f?.t.close());

    it('stops asking about a refund once its window has passed, and leaves it as it is', async () => {
      const txn = await paid(f, '9.00');
      const refundId = await lateRefund(f, txn.id, '9.00');
      const inquiries = async () => (await sandboxRequests(f.sandbox)).filter((r) => r.body.paymentType === 'IN').length;
      await new Promise((r) => setTimeout(r, LATE_DELAY_MS));
      const asked = await inquiries();
      await f.t.running.reconciler.runOnce();
      expect(await inquiries()).toBe(asked);
      expect((await f.gql(REFUND_NODE, { id: refundId })).data!.node.status).toBe('FAILED');
    });
  });
});
