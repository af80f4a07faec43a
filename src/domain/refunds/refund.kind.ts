import type { MovementKind, OpenMovement } from '../engine/movement-kind';
import { isRefundOpen } from './apply-refund';
import { LATE_REFUND } from './late-refund';
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
  // The status question of an open refund is asked by its steps (refund-steps.ts), which resolve it.
  async view(em, id) {
    const refund = await em.findOne(Refund, { id }, { fields: ['transaction'] });
    return refund ? { answer: { transactionId: refund.transaction.id, refundId: id } } : undefined;
  },
  steps: REFUND_STEPS,
  apply: (env, id, outcome) => recordRefund(env, id, { kind: 'outcome', outcome }),
  async resolve(env, id) {
    await resolveRefund(env, id);
    return (await refundKind.view(env.em.fork(), id))?.answer ?? { refundId: id };
  },
  lateSuccess: LATE_REFUND,
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
