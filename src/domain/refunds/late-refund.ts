import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProviderOutcome } from '../../providers/provider';
import { inTransaction } from '../engine/in-transaction';
import { NOT_RECEIVED_WHERE } from '../integrity-triggers';
import { lateSuccessLogged, NOT_RECEIVED, type LateSuccess } from '../engine/late-success';
import { lockMovement } from '../engine/lock-movement';
import type { PaymentsEnv } from '../engine/payments-env';
import { settleOrder } from '../payments/order-settlement';
import { recordEvent } from '../transactions/transaction-transitions';
import { Refund, RefundStatus } from './refund.entity';
import { refundStatusRequest } from './refund-steps';

const ended = (refund: Refund) => refund.status === RefundStatus.FAILED && refund.failureCode === NOT_RECEIVED;

/** A refund the gateway failed as not received, and that the provider made later (engine/late-success.ts). */
export const LATE_REFUND: LateSuccess = {
  endedWhere: NOT_RECEIVED_WHERE,
  async inquiry(em, id) {
    const refund = await em.findOne(Refund, { id }, { populate: ['site', 'transaction', 'transaction.order'] });
    if (!refund || !ended(refund)) return undefined;
    return { site: refund.site, provider: refund.transaction.provider, request: refundStatusRequest(refund) };
  },
  correct: (env, id, outcome) => (outcome.status === 'succeeded' ? inTransaction(env.em, (tx) => correctRefund(env, tx, id, outcome)) : Promise.resolve(false)),
  endedOf: async (em, paymentId) => (await em.find(Refund, { transaction: paymentId, status: RefundStatus.FAILED, failureCode: NOT_RECEIVED })).map((r) => ({ kind: 'refund' as const, id: r.id })),
};

/**
 * Under the payment's lock, then the refund's: the refund becomes SUCCEEDED and is counted in the payment's
 * refunded amount once. A provider that reports refunds per payment (the card gateway's inquiry) can't say
 * which refund it made when another refund of the payment succeeded since, nor make more than was captured:
 * then nothing is counted, and operators are told.
 */
async function correctRefund(env: PaymentsEnv, tx: EntityManager, id: string, outcome: ProviderOutcome): Promise<boolean> {
  const rows = await lockMovement(tx, Refund, id);
  const [txn, refund] = [rows.txn.row, rows.movement.row];
  if (!ended(refund)) return false;
  const refunded = BigInt(txn.refundedMinor) + BigInt(refund.amountMinor);
  const since = await tx.count(Refund, { transaction: txn.id, status: RefundStatus.SUCCEEDED, createdAt: { $gt: refund.createdAt } });
  if (since > 0 || refunded > BigInt(txn.capturedMinor)) {
    env.log.error({ refundId: id, transactionId: txn.id, refundedSince: since, refundedMinor: String(txn.refundedMinor) }, 'late provider success not applied: the provider reports a refund made, but it cannot be told apart from a later refund or would exceed the captured amount; an operator must reconcile this payment');
    return false;
  }
  const inferred = refund.failureCode;
  Object.assign(refund, { status: RefundStatus.SUCCEEDED, failureCode: null, failureReason: null, failureReasonCode: null, failureField: null });
  if (outcome.providerTransactionId && outcome.providerTransactionId !== txn.providerTransactionId) refund.providerTransactionId ??= outcome.providerTransactionId;
  txn.refundedMinor = refunded;
  const message = lateSuccessLogged(env, 'refund', { refundId: id, transactionId: txn.id, provider: txn.provider, inferred });
  recordEvent(rows.txn.events, txn, { type: 'late_success', amountMinor: refund.amountMinor, message, data: { movement: 'refund', refundId: id, inferred, providerStatus: outcome.providerStatus, source: 'status' } });
  await rows.write();
  await settleOrder(tx, txn, env.log);
  return true;
}
