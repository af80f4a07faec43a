import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DeclineReasonCode, type ProviderOutcome } from '../../providers/provider';
import { inTransaction } from '../engine/in-transaction';
import type { PaymentsEnv } from '../engine/payments-env';
import { askStatus, notFoundIsFinal } from '../engine/provider-status';
import type { StoredResponse } from '../idempotency/idempotency.service';
import { isAwaitingCustomer, isUnsettled } from '../transactions/transaction-state';
import { TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { moveTo } from '../transactions/transaction-transitions';
import { applyPaymentOutcome } from './apply-outcome';
import { expireCustomerAction } from './customer-action';
import { applyLateSuccess, isInferredEnd, needsStatusConfirmation } from './late-success';
import { settleOrder } from './order-settlement';
import { completeAuthorized, PaymentStep, waitForStep } from './payment-steps';
import { resolveTokenizeStep } from './tokenize-then-pay';

/**
 * Resolves a payment: asks the provider about an open payment, or about one the gateway ended by inference (a
 * late success then corrects it), and applies the answer. A customer step the answer shows unfinished expires
 * here once it is older than the configured expiry: the status query is the last look before it ends.
 */
export async function resolvePayment(env: PaymentsEnv, id: string): Promise<StoredResponse> {
  const em = env.em.fork();
  const txn = await em.findOne(Transaction, { id }, { populate: ['site', 'order'] });
  if (!txn || !(isUnsettled(txn.status) || isInferredEnd(txn))) return { transactionId: id };
  if (txn.step === PaymentStep.TOKENIZE) return resolveTokenizeStep(env, id);
  const amount = { amountMinor: BigInt(txn.amountMinor), currency: txn.currency };
  const outcome = await askStatus(env, em, txn.site, txn.provider, { operation: 'payment', reference: txn.reference, providerTransactionId: txn.providerTransactionId, providerOrderId: txn.order?.providerOrderId, amount });
  if (!outcome) return { transactionId: id };
  if (outcome.status === 'authorized' && isUnsettled(txn.status) && env.registry.module(txn.provider).facets.completion?.kind === 'capture') {
    await completeAuthorizedPayment(env, txn, outcome);
    return { transactionId: id };
  }
  if (isInferredEnd(txn)) await applyLateSuccess(env, id, outcome);
  else if (outcome.status === 'not_found' && !(await notFoundIsFinal(env, em, txn.callStartedAt, txn.provider))) return { transactionId: id };
  else if (isAwaitingCustomer(txn.status) && !progressed(outcome)) await expireCustomerAction(env, id);
  else await applyPaymentResult(env, id, outcome, 'status');
  return { transactionId: id };
}

/**
 * The customer authorized at a provider whose completion captures: begin the capture (or the decline of a
 * customer data mismatch) once. If a step was begun before (by another caller, or before a crash), "authorized"
 * only says it has not landed yet: nothing is sent again, and the reconciler asks later.
 */
async function completeAuthorizedPayment(env: PaymentsEnv, txn: Transaction, authorized: ProviderOutcome): Promise<void> {
  if (txn.step !== PaymentStep.PAY) return waitForStep(env, txn.id);
  const answer = await completeAuthorized(env, txn.id, authorized);
  if (answer === 'authorize') await applyPaymentResult(env, txn.id, authorized, 'status');
  else if (answer) await applyPaymentResult(env, txn.id, answer, 'completion');
}

/** The provider still waits for the customer (or never saw the payment): nothing the customer did moved it. */
function progressed(outcome: ProviderOutcome): boolean {
  return !['requires_action', 'processing', 'not_found'].includes(outcome.status);
}

/**
 * Applies a payment outcome learnt outside the pay call (status query, verified callback, completion) under
 * the row lock. An outcome whose source is not the status query and that would move money is confirmed by one.
 */
export async function applyPaymentResult(env: PaymentsEnv, id: string, outcome: ProviderOutcome, source: string): Promise<boolean> {
  if (source !== 'status' && (await needsStatusConfirmation(env, id, outcome))) {
    await resolvePayment(env, id);
    return true;
  }
  return inTransaction(env.em, async (tx) => {
    const locked = await tx.findOneOrFail(Transaction, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const moved = outcome.status === 'not_found' ? await failNotReceived(env, tx, locked, source) : applyPaymentOutcome(tx, locked, outcome, source, env.log);
    if (moved) await settleOrder(tx, locked, env.log);
    return moved;
  });
}

async function failNotReceived(env: PaymentsEnv, tx: EntityManager, locked: Transaction, source: string): Promise<boolean> {
  if (!isUnsettled(locked.status) || !(await notFoundIsFinal(env, tx, locked.callStartedAt, locked.provider))) return false;
  const moved = moveTo(tx, locked, TransactionStatus.FAILED, { message: 'the provider has no record of this payment', data: { source } });
  if (moved) Object.assign(locked, { declineCode: 'NOT_RECEIVED_BY_PROVIDER', declineReason: 'the provider has no record of this payment', declineReasonCode: DeclineReasonCode.PROCESSING_ERROR });
  return moved;
}
