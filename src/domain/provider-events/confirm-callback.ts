import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ParsedCallback } from '../../providers/provider';
import { checkMismatch } from '../payments/apply-outcome';
import { isOpen } from '../payments/apply-operation';
import { PaymentOperation, PaymentOperationStatus } from '../payments/payment-operation.entity';
import { deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { settleResource } from '../payments/settle';
import { isPayoutOpen } from '../payouts/apply-payout';
import { Payout } from '../payouts/payout.entity';
import { isRefundOpen } from '../refunds/apply-refund';
import { Refund, RefundStatus } from '../refunds/refund.entity';
import { isUnsettled } from '../transactions/transaction-state';
import { Transaction } from '../transactions/transaction.entity';
import type { CallbackTarget } from './callback-target';

/**
 * The movements a callback about `target` may settle that are still open, as settleResource keys. A callback
 * naming a payment may be about its capture, void or refund (the card gateway names the payment in all of
 * them, and which one it is is not signed), so the payment's open operations count too. A PENDING row younger
 * than `cutoff` has its provider call in flight: that call records its own answer, so, as for the reconciler,
 * it is left alone.
 */
async function openResources(em: EntityManager, target: CallbackTarget, cutoff: Date): Promise<string[]> {
  const settling = (row: { status: string; createdAt: Date }, open: boolean) => open && (row.status !== 'PENDING' || row.createdAt < cutoff);
  switch (target.type) {
    case 'Transaction': {
      const txn = await em.findOne(Transaction, { id: target.id });
      if (!txn) return [];
      const ops = await em.find(PaymentOperation, { transaction: target.id, status: { $in: [PaymentOperationStatus.PENDING, PaymentOperationStatus.OUTCOME_UNKNOWN] } });
      const refunds = await em.find(Refund, { transaction: target.id, status: { $in: [RefundStatus.PENDING, RefundStatus.OUTCOME_UNKNOWN] } });
      return [
        ...(settling(txn, isUnsettled(txn.status)) ? [`Transaction:${txn.id}`] : []),
        ...ops.filter((op) => settling(op, true)).map((op) => `PaymentOperation:${op.id}`),
        ...refunds.filter((refund) => settling(refund, true)).map((refund) => `Refund:${refund.id}`),
      ];
    }
    case 'PaymentOperation': {
      const op = await em.findOne(PaymentOperation, { id: target.id });
      return op && settling(op, isOpen(op)) ? [`PaymentOperation:${op.id}`] : [];
    }
    case 'Refund': {
      const refund = await em.findOne(Refund, { id: target.id });
      return refund && settling(refund, isRefundOpen(refund)) ? [`Refund:${refund.id}`] : [];
    }
    case 'Payout': {
      const payout = await em.findOne(Payout, { id: target.id });
      return payout && settling(payout, isPayoutOpen(payout)) ? [`Payout:${payout.id}`] : [];
    }
  }
}

/**
 * A verified callback whose signature does not cover its outcome: ask the provider (`status`, through the
 * same settle path the reconciler uses) about every open movement it may be about, and apply only that
 * answer. Nothing is asked once they are all settled, so a replayed notification costs no provider call.
 * Returns whether everything is settled now; if not (the provider still works on it, or did not answer) the
 * reconciler keeps asking.
 */
export async function confirmWithProvider(env: PaymentsEnv, target: CallbackTarget): Promise<boolean> {
  const cutoff = new Date(Date.now() - deadlineOf(env));
  for (const resource of await openResources(env.em.fork(), target, cutoff)) await settleResource(env, resource);
  return (await openResources(env.em.fork(), target, cutoff)).length === 0;
}

/**
 * A signed amount that differs from what was sent is recorded on a payment still open (a capture or refund
 * notification carries its own amount, so a settled payment is left alone). Recorded, never applied.
 */
export async function recordSignedAmount(env: PaymentsEnv, target: CallbackTarget, parsed: ParsedCallback): Promise<void> {
  if (target.type !== 'Transaction' || !parsed.readSignedAmount) return;
  const read = parsed.readSignedAmount;
  await env.em.fork().transactional(async (tx) => {
    const txn = await tx.findOneOrFail(Transaction, { id: target.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!isUnsettled(txn.status)) return;
    try {
      checkMismatch(tx, txn, { status: 'processing', amount: read(txn.currency) }, env.log);
    } catch {
      env.log.warn({ transactionId: txn.id }, 'callback amount unreadable; ignored');
    }
  });
}
