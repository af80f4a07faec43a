import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DeclineReasonCode, type ProviderOutcome, type StatusRequest } from '../../providers/provider';
import type { StoredResponse } from '../idempotency/idempotency.service';
import { applyPayoutResult, isPayoutOpen } from '../payouts/apply-payout';
import { Payout } from '../payouts/payout.entity';
import { applyRefundResult, isRefundOpen } from '../refunds/apply-refund';
import { Refund } from '../refunds/refund.entity';
import type { Site } from '../sites/site.entity';
import { isAwaitingCustomer, isUnsettled } from '../transactions/transaction-state';
import { TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { moveTo } from '../transactions/transaction-transitions';
import { applyOperationResult, isOpen } from './apply-operation';
import { applyPaymentOutcome } from './apply-outcome';
import { ageInDatabaseMs } from '../engine/database-clock';
import { inTransaction } from '../engine/in-transaction';
import { lockMovement } from '../engine/lock-movement';
import { settleOrderOf } from './order-settlement';
import { PaymentOperation, PaymentOperationKind } from './payment-operation.entity';
import { expireCustomerAction } from './customer-action';
import { applyLateSuccess, isInferredEnd, needsStatusConfirmation } from './late-success';
import { callProvider, type CallResult } from '../engine/provider-call';
import { DEFAULT_NOT_FOUND_FINAL_AFTER_MS } from '../engine/recovery-policy';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';

/**
 * Settles one unsettled row by asking the provider for its status — never by sending the operation again.
 * Used by the reconciler, by an idempotent retry whose first attempt died, by unverifiable callbacks and by
 * the customer's return from a redirect.
 */
export async function settleResource(env: PaymentsEnv, resource: string): Promise<StoredResponse> {
  const [type, id] = resource.split(':');
  if (type === 'Transaction') return settleTransaction(env, id);
  if (type === 'PaymentOperation') return settleOperation(env, id);
  if (type === 'Refund') return settleRefund(env, id);
  if (type === 'Payout') return settlePayout(env, id);
  return { [`${type.charAt(0).toLowerCase()}${type.slice(1)}Id`]: id };
}

/**
/**
 * "Not found" at the provider is final only once the provider's declared window (ProviderModule
 * notFoundFinalAfterMs, hours) has passed: a provider may take in a request and process it much later, and a
 * payment failed in between is a card charged with no order behind it. Without the provider's key, the
 * longest window of any registered provider applies. RECOVERY (configuration) may override it for tests.
 * The age is measured by the database's clock, which wrote callStartedAt (set as phase 1 committed), not by this instance's.
 */
async function notFoundIsFinal(env: PaymentsEnv, em: EntityManager, callStartedAt: Date, provider?: string): Promise<boolean> {
  return (await ageInDatabaseMs(em, callStartedAt)) > Math.max(deadlineOf(env), notFoundWindowMs(env, provider));
}

function notFoundWindowMs(env: PaymentsEnv, provider?: string): number {
  if (env.recovery?.notFoundFinalAfterMs !== undefined) return env.recovery.notFoundFinalAfterMs;
  const keys = provider && env.registry.has(provider) ? [provider] : env.registry.list().map((p) => p.key);
  return Math.max(0, ...keys.map((key) => env.registry.module(key).notFoundFinalAfterMs ?? DEFAULT_NOT_FOUND_FINAL_AFTER_MS));
}

async function askStatus(env: PaymentsEnv, em: EntityManager, site: Site, provider: string, request: StatusRequest): Promise<ProviderOutcome | undefined> {
  const adapter = await adapterFor(env, em, site, provider);
  const result = await callProvider(deadlineOf(env), (options) => adapter.payments.status(request, options));
  if (result.kind === 'error') {
    env.log.warn({ provider, reference: request.reference, code: result.error.code }, 'status query failed; will retry');
    return undefined;
  }
  return result.outcome;
}

/**
 * Asks the provider about an unsettled payment, or about one the gateway ended by inference (a late success
 * then corrects it), and applies the answer. A customer step the answer shows unfinished expires here once
 * it is older than the configured expiry: the status query is the last look before it ends.
 */
export async function settleTransaction(env: PaymentsEnv, id: string): Promise<StoredResponse> {
  const em = env.em.fork();
  const txn = await em.findOne(Transaction, { id }, { populate: ['site'] });
  if (!txn || !(isUnsettled(txn.status) || isInferredEnd(txn))) return { transactionId: id };
  const amount = { amountMinor: BigInt(txn.amountMinor), currency: txn.currency };
  const outcome = await askStatus(env, em, txn.site, txn.provider, { operation: 'payment', reference: txn.reference, providerTransactionId: txn.providerTransactionId, amount });
  if (!outcome) return { transactionId: id };
  if (isInferredEnd(txn)) await applyLateSuccess(env, id, outcome);
  else if (outcome.status === 'not_found' && !(await notFoundIsFinal(env, em, txn.callStartedAt, txn.provider))) return { transactionId: id };
  else if (isAwaitingCustomer(txn.status) && !progressed(outcome)) await expireCustomerAction(env, id);
  else await applySettledPayment(env, id, outcome, 'status');
  return { transactionId: id };
}

/** The provider still waits for the customer (or never saw the payment): nothing the customer did moved it. */
function progressed(outcome: ProviderOutcome): boolean {
  return !['requires_action', 'processing', 'not_found'].includes(outcome.status);
}

/** Applies a payment outcome learnt outside the pay call (status query, verified callback) under the row lock. */
export async function applySettledPayment(env: PaymentsEnv, id: string, outcome: ProviderOutcome, source: string): Promise<boolean> {
  if (source !== 'status' && (await needsStatusConfirmation(env, id, outcome))) {
    await settleTransaction(env, id);
    return true;
  }
  return inTransaction(env.em, async (tx) => {
    const locked = await tx.findOneOrFail(Transaction, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const moved = outcome.status === 'not_found' ? await failNotReceived(env, tx, locked, source) : applyPaymentOutcome(tx, locked, outcome, source, env.log);
    if (moved) await settleOrderOf(tx, locked, env.log);
    return moved;
  });
}

async function failNotReceived(env: PaymentsEnv, tx: EntityManager, locked: Transaction, source: string): Promise<boolean> {
  if (!isUnsettled(locked.status) || !(await notFoundIsFinal(env, tx, locked.callStartedAt, locked.provider))) return false;
  const moved = moveTo(tx, locked, TransactionStatus.FAILED, { message: 'the provider has no record of this payment', data: { source } });
  if (moved) Object.assign(locked, { declineCode: 'NOT_RECEIVED_BY_PROVIDER', declineReason: 'the provider has no record of this payment', declineReasonCode: DeclineReasonCode.PROCESSING_ERROR });
  return moved;
}

export async function settleOperation(env: PaymentsEnv, id: string): Promise<StoredResponse> {
  const em = env.em.fork();
  const op = await em.findOne(PaymentOperation, { id }, { populate: ['transaction', 'site'] });
  if (!op) return { operationId: id };
  const txn = op.transaction;
  if (isOpen(op)) {
    const payment = { reference: txn.reference, providerTransactionId: txn.providerTransactionId };
    const operation = op.kind === PaymentOperationKind.CAPTURE ? 'capture' : 'cancel';
    const amount = { amountMinor: BigInt(op.amountMinor), currency: op.currency };
    const outcome = await askStatus(env, em, op.site, txn.provider, { operation, reference: op.reference, providerTransactionId: op.providerOperationId, payment, amount });
    if (outcome) await applySettledOperation(env, id, outcome);
  }
  return { transactionId: txn.id, operationId: id };
}

export async function applySettledOperation(env: PaymentsEnv, id: string, outcome: ProviderOutcome): Promise<void> {
  await inTransaction(env.em, async (tx) => {
    const { txn, movement: op } = await lockMovement(tx, PaymentOperation, id);
    const final = op.kind === PaymentOperationKind.CANCEL || !env.registry.module(txn.provider).facets.payments.capture?.multiple;
    applyOperationResult(tx, txn, op, await notFoundAsFailure(env, tx, outcome, op.callStartedAt), final);
    await settleOrderOf(tx, txn, env.log);
  });
}

export async function settleRefund(env: PaymentsEnv, id: string): Promise<StoredResponse> {
  const em = env.em.fork();
  const refund = await em.findOne(Refund, { id }, { populate: ['transaction', 'site'] });
  if (!refund) return { refundId: id };
  const txn = refund.transaction;
  if (isRefundOpen(refund)) {
    const payment = { reference: txn.reference, providerTransactionId: txn.providerTransactionId };
    const amount = { amountMinor: BigInt(refund.amountMinor), currency: refund.currency };
    const outcome = await askStatus(env, em, refund.site, txn.provider, { operation: 'refund', reference: refund.reference, providerTransactionId: refund.providerRefundId, payment, amount });
    if (outcome) await applySettledRefund(env, id, outcome);
  }
  return { transactionId: txn.id, refundId: id };
}

export async function applySettledRefund(env: PaymentsEnv, id: string, outcome: ProviderOutcome): Promise<void> {
  await inTransaction(env.em, async (tx) => {
    const { txn, movement: refund } = await lockMovement(tx, Refund, id);
    applyRefundResult(tx, txn, refund, await notFoundAsFailure(env, tx, outcome, refund.callStartedAt));
    await settleOrderOf(tx, txn, env.log);
  });
}

export async function settlePayout(env: PaymentsEnv, id: string): Promise<StoredResponse> {
  const em = env.em.fork();
  const payout = await em.findOne(Payout, { id }, { populate: ['site'] });
  if (payout && isPayoutOpen(payout)) {
    const amount = { amountMinor: BigInt(payout.amountMinor), currency: payout.currency };
    const outcome = await askStatus(env, em, payout.site, payout.provider, { operation: 'payout', reference: payout.reference, providerTransactionId: payout.providerPayoutId, amount });
    if (outcome) await applySettledPayout(env, id, outcome);
  }
  return { payoutId: id };
}

export async function applySettledPayout(env: PaymentsEnv, id: string, outcome: ProviderOutcome): Promise<void> {
  await inTransaction(env.em, async (tx) => {
    const payout = await tx.findOneOrFail(Payout, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    applyPayoutResult(payout, await notFoundAsFailure(env, tx, outcome, payout.callStartedAt));
  });
}

async function notFoundAsFailure(env: PaymentsEnv, tx: EntityManager, outcome: ProviderOutcome, callStartedAt: Date): Promise<CallResult> {
  if (outcome.status !== 'not_found' || !(await notFoundIsFinal(env, tx, callStartedAt))) return { kind: 'outcome', outcome };
  return { kind: 'outcome', outcome: { status: 'failed', code: 'NOT_RECEIVED_BY_PROVIDER', reason: 'the provider has no record of this operation', reasonCode: DeclineReasonCode.PROCESSING_ERROR } };
}
