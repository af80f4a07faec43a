import type { MovementKind, OpenMovement } from '../engine/movement-kind';
import { isRefundOpen } from './apply-refund';
import { Refund, RefundStatus } from './refund.entity';
import { recordRefund, REFUND_STEPS, resolveRefund } from './refund-steps';

const OPEN = [RefundStatus.PENDING, RefundStatus.VALIDATED, RefundStatus.OUTCOME_UNKNOWN];
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const open = (refund: Refund): OpenMovement => ({ ref: { kind: 'refund', id: refund.id }, status: refund.status, callStartedAt: refund.callStartedAt });

/** A refund of a payment (the `refund` table): one call, or validate then capture; applied under the payment's row lock. */
export const refundKind: MovementKind = {
  name: 'refund',
  table: 'refund',
  openStatuses: OPEN,
  answerFields: ['refundId', 'transactionId'],
  due: { where: `status in (${list(OPEN)}) and call_started_at < now() - :pendingAfter`, since: 'created_at' },
  async view(em, id) {
    const refund = await em.findOne(Refund, { id }, { populate: ['transaction', 'transaction.order', 'site'] });
    if (!refund) return undefined;
    const txn = refund.transaction;
    const answer = { transactionId: txn.id, refundId: id };
    if (!isRefundOpen(refund)) return { answer };
    const payment = { reference: txn.reference, providerTransactionId: txn.providerTransactionId };
    const amount = { amountMinor: BigInt(refund.amountMinor), currency: refund.currency };
    return { answer, inquiry: { site: refund.site, provider: txn.provider, request: { operation: 'refund', reference: refund.reference, providerTransactionId: refund.providerTransactionId, providerOrderId: txn.order?.providerOrderId, payment, amount } } };
  },
  steps: REFUND_STEPS,
  apply: (env, id, outcome) => recordRefund(env, id, { kind: 'outcome', outcome }),
  async resolve(env, id) {
    await resolveRefund(env, id);
    return (await refundKind.view(env.em.fork(), id))?.answer ?? { refundId: id };
  },
  async findByReference(em, _provider, reference) {
    const refund = await em.findOne(Refund, { reference }, { populate: ['site'] });
    return refund ? { ref: { kind: 'refund', id: refund.id }, site: refund.site } : undefined;
  },
  async openRow(em, id) {
    const refund = await em.findOne(Refund, { id });
    return refund && isRefundOpen(refund) ? open(refund) : undefined;
  },
  child: {
    of: 'payment',
    operations: ['refund'],
    openOf: async (em, paymentId) => (await em.find(Refund, { transaction: paymentId, status: { $in: OPEN } }, { orderBy: { createdAt: 'desc' } })).map(open),
  },
};
