import { LockMode } from '@mikro-orm/core';
import type { ProviderOutcome } from '../../providers/provider';
import { PAYMENT_NOT_RECEIVED_WHERE } from '../integrity-triggers';
import { canCorrectInferredEnd, INFERRED_ENDINGS } from '../transactions/transaction-state';
import { TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { recordEvent } from '../transactions/transaction-transitions';
import { settleOrder } from './order-settlement';
import { paymentStatusOf } from '../engine/outcome-status';
import type { LateSuccess } from '../engine/late-success';
import type { PaymentsEnv } from '../engine/payments-env';

/** FAILED or CANCELLED by the gateway's own inference, not by the provider's word: it may still be corrected. */
export function isInferredEnd(txn: Pick<Transaction, 'status' | 'declineCode'>): boolean {
  const ended = txn.status === TransactionStatus.FAILED || txn.status === TransactionStatus.CANCELLED;
  return ended && (INFERRED_ENDINGS as readonly string[]).includes(txn.declineCode ?? '');
}

/**
 * A report of money moved (a callback, a customer return) on a payment the gateway ended by inference. Such a
 * report alone never reopens a final payment; the caller confirms it with a status query (resolvePayment).
 */
export async function needsStatusConfirmation(env: PaymentsEnv, id: string, outcome: ProviderOutcome): Promise<boolean> {
  if (outcome.status !== 'succeeded' && outcome.status !== 'authorized') return false;
  const txn = await env.em.fork().findOne(Transaction, { id }, { fields: ['status', 'declineCode'] });
  return !!txn && isInferredEnd(txn);
}

/**
 * The provider's status query says money moved on a payment the gateway had ended (not found for the whole
 * window, customer step expired or cancelled). The card was charged: the status follows the provider (the
 * state machine allows exactly this correction), the `late_success` event records what happened, the order
 * is settled again, and the error log tells operators — the merchant may have charged the customer again.
 */
export async function applyLateSuccess(env: PaymentsEnv, id: string, outcome: ProviderOutcome): Promise<boolean> {
  const to = paymentStatusOf(outcome);
  if (to !== TransactionStatus.SUCCEEDED && to !== TransactionStatus.AUTHORIZED) return false;
  return env.em.fork().transactional(async (tx) => {
    const locked = await tx.findOneOrFail(Transaction, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const from = locked.status;
    const inferred = locked.declineCode;
    if (!canCorrectInferredEnd(from, inferred, to)) return false;
    locked.status = to;
    Object.assign(locked, { declineCode: null, declineReason: null, nextAction: null });
    if (outcome.providerTransactionId) locked.providerTransactionId ??= outcome.providerTransactionId;
    if (to === TransactionStatus.SUCCEEDED) locked.capturedMinor = locked.amountMinor;
    const message = `the provider reports this payment ${outcome.status} after the gateway had ended it (${inferred})`;
    recordEvent(tx, locked, { type: 'late_success', message, data: { inferred, providerStatus: outcome.providerStatus, source: 'status' } }, from, to);
    env.log.error({ transactionId: id, provider: locked.provider, from, to, inferred }, 'late provider success: a payment the gateway had ended was charged; its status now follows the provider');
    await settleOrder(tx, locked, env.log);
    return true;
  });
}

/** A payment ended by inference, for the engine's later looks (engine/late-success.ts). */
export const LATE_PAYMENT: LateSuccess = {
  endedWhere: PAYMENT_NOT_RECEIVED_WHERE,
  async inquiry(em, id) {
    const txn = await em.findOne(Transaction, { id }, { populate: ['site', 'order'] });
    if (!txn || !isInferredEnd(txn)) return undefined;
    const amount = { amountMinor: BigInt(txn.amountMinor), currency: txn.currency };
    const request = { operation: 'payment' as const, reference: txn.reference, providerTransactionId: txn.providerTransactionId, providerOrderId: txn.order?.providerOrderId, amount };
    return { site: txn.site, provider: txn.provider, request };
  },
  correct: applyLateSuccess,
};
