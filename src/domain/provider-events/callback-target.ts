import type { EntityManager } from '@mikro-orm/postgresql';
import type { OperationKind } from '../../providers/provider';
import { PaymentOperation, PaymentOperationKind, PaymentOperationStatus } from '../payments/payment-operation.entity';
import { Payout } from '../payouts/payout.entity';
import { Refund, RefundStatus } from '../refunds/refund.entity';
import type { Site } from '../sites/site.entity';
import { Transaction } from '../transactions/transaction.entity';

export type CallbackTarget =
  | { type: 'Transaction'; id: string; site: Site }
  | { type: 'PaymentOperation'; id: string; site: Site }
  | { type: 'Refund'; id: string; site: Site }
  | { type: 'Payout'; id: string; site: Site };

/** Finds what a callback is about from our reference (or the provider's id), whichever table it is in. */
export async function findTarget(em: EntityManager, provider: string, hint: { reference?: string; providerTransactionId?: string }): Promise<CallbackTarget | undefined> {
  const { reference, providerTransactionId } = hint;
  if (reference) {
    const txn = await em.findOne(Transaction, { reference, provider }, { populate: ['site'] });
    if (txn) return { type: 'Transaction', id: txn.id, site: txn.site };
    const op = await em.findOne(PaymentOperation, { reference }, { populate: ['site'] });
    if (op) return { type: 'PaymentOperation', id: op.id, site: op.site };
    const refund = await em.findOne(Refund, { reference }, { populate: ['site'] });
    if (refund) return { type: 'Refund', id: refund.id, site: refund.site };
    const payout = await em.findOne(Payout, { reference, provider }, { populate: ['site'] });
    if (payout) return { type: 'Payout', id: payout.id, site: payout.site };
  }
  if (providerTransactionId) {
    const txn = await em.findOne(Transaction, { providerTransactionId, provider }, { populate: ['site'] });
    if (txn) return { type: 'Transaction', id: txn.id, site: txn.site };
    const payout = await em.findOne(Payout, { providerPayoutId: providerTransactionId, provider }, { populate: ['site'] });
    if (payout) return { type: 'Payout', id: payout.id, site: payout.site };
  }
  return undefined;
}

/**
 * A provider that names the payment in a capture, void or refund callback (not the operation's own reference):
 * the operation is the open one of that kind on the payment.
 */
export async function narrowToOperation(em: EntityManager, target: CallbackTarget, operation: OperationKind): Promise<CallbackTarget> {
  if (target.type !== 'Transaction' || operation === 'payment' || operation === 'payout') return target;
  if (operation === 'refund') {
    const refund = await em.findOne(Refund, { transaction: target.id, status: { $in: [RefundStatus.PENDING, RefundStatus.OUTCOME_UNKNOWN] } }, { orderBy: { createdAt: 'desc' } });
    return refund ? { type: 'Refund', id: refund.id, site: target.site } : target;
  }
  const kind = operation === 'capture' ? PaymentOperationKind.CAPTURE : PaymentOperationKind.CANCEL;
  const open = [PaymentOperationStatus.PENDING, PaymentOperationStatus.OUTCOME_UNKNOWN];
  const op = await em.findOne(PaymentOperation, { transaction: target.id, kind, status: { $in: open } }, { orderBy: { createdAt: 'desc' } });
  return op ? { type: 'PaymentOperation', id: op.id, site: target.site } : target;
}
