import type { EntityManager } from '@mikro-orm/postgresql';
import { Payout, PayoutStatus } from '../payouts/payout.entity';
import { Refund, RefundStatus } from '../refunds/refund.entity';
import { TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { PaymentOperation, PaymentOperationStatus } from './payment-operation.entity';
import { deadlineOf, type PaymentsEnv } from './payments-env';

const BATCH = 100;

/** Statuses the customer or the provider still has to move; AWAITING_FEE_SELECTION waits for the customer only. */
const POLLED = [TransactionStatus.OUTCOME_UNKNOWN, TransactionStatus.PROCESSING, TransactionStatus.REQUIRES_ACTION];

/**
 * Every unsettled payment, capture, void, refund and payout older than `afterMs`, as `Type:id` resource keys
 * (what settleResource takes). PENDING rows wait until the call that created them has certainly ended, so
 * the reconciler never races a pay call in flight. Oldest first, at most BATCH of each per sweep.
 */
export async function findDue(env: PaymentsEnv, afterMs: number): Promise<string[]> {
  const em = env.em.fork();
  const now = Date.now();
  const settled = new Date(now - afterMs);
  const pendingCutoff = new Date(now - Math.max(afterMs, deadlineOf(env)));
  const txns = await em.find(
    Transaction,
    { $or: [{ status: { $in: POLLED }, updatedAt: { $lt: settled } }, { status: TransactionStatus.PENDING, callStartedAt: { $lt: pendingCutoff } }] },
    { orderBy: { updatedAt: 'asc' }, limit: BATCH, fields: ['id'] },
  );
  const ops = await openRows(em, PaymentOperation, [PaymentOperationStatus.PENDING, PaymentOperationStatus.OUTCOME_UNKNOWN], pendingCutoff);
  const refunds = await openRows(em, Refund, [RefundStatus.PENDING, RefundStatus.OUTCOME_UNKNOWN], pendingCutoff);
  const payouts = await openRows(em, Payout, [PayoutStatus.PENDING, PayoutStatus.VALIDATED, PayoutStatus.OUTCOME_UNKNOWN], pendingCutoff);
  return [
    ...txns.map((r) => `Transaction:${r.id}`),
    ...ops.map((r) => `PaymentOperation:${r.id}`),
    ...refunds.map((r) => `Refund:${r.id}`),
    ...payouts.map((r) => `Payout:${r.id}`),
  ];
}

async function openRows<T extends { id: string }>(em: EntityManager, entity: new () => T, statuses: string[], cutoff: Date): Promise<T[]> {
  return em.find(entity as never, { status: { $in: statuses }, callStartedAt: { $lt: cutoff } } as never, { orderBy: { createdAt: 'asc' }, limit: BATCH, fields: ['id'] } as never) as Promise<T[]>;
}
