import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DeclineReasonCode, type ProviderOutcome, type StatusRequest } from '../../providers/provider';
import type { StoredResponse } from '../idempotency/idempotency.service';
import { applyPayoutResult, isPayoutOpen } from '../payouts/apply-payout';
import { Payout } from '../payouts/payout.entity';
import { applyRefundResult, isRefundOpen } from '../refunds/apply-refund';
import { Refund } from '../refunds/refund.entity';
import type { Site } from '../sites/site.entity';
import { isUnsettled } from '../transactions/transaction-state';
import { TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { moveTo } from '../transactions/transaction-transitions';
import { applyOperationResult, isOpen } from './apply-operation';
import { applyPaymentOutcome } from './apply-outcome';
import { settleOrderOf } from './order-settlement';
import { PaymentOperation, PaymentOperationKind } from './payment-operation.entity';
import { callProvider, type CallResult } from './provider-call';
import { adapterFor, deadlineOf, type PaymentsEnv } from './payments-env';

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

/** "Not found" at the provider is final only once the call that would have created it has certainly ended. */
function notFoundIsFinal(env: PaymentsEnv, createdAt: Date): boolean {
  return Date.now() - createdAt.getTime() > deadlineOf(env);
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

export async function settleTransaction(env: PaymentsEnv, id: string): Promise<StoredResponse> {
  const em = env.em.fork();
  const txn = await em.findOne(Transaction, { id }, { populate: ['site'] });
  if (!txn || !isUnsettled(txn.status)) return { transactionId: id };
  const amount = { amountMinor: BigInt(txn.amountMinor), currency: txn.currency };
  const outcome = await askStatus(env, em, txn.site, txn.provider, { operation: 'payment', reference: txn.reference, providerTransactionId: txn.providerTransactionId, amount });
  if (outcome) await applySettledPayment(env, id, outcome, 'status');
  return { transactionId: id };
}

/** Applies a payment outcome learnt outside the pay call (status query, verified callback) under the row lock. */
export async function applySettledPayment(env: PaymentsEnv, id: string, outcome: ProviderOutcome, source: string): Promise<boolean> {
  return env.em.fork().transactional(async (tx) => {
    const locked = await tx.findOneOrFail(Transaction, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const moved = outcome.status === 'not_found' ? failNotReceived(env, tx, locked, source) : applyPaymentOutcome(tx, locked, outcome, source, env.log);
    if (moved) await settleOrderOf(tx, locked, env.log);
    return moved;
  });
}

function failNotReceived(env: PaymentsEnv, tx: EntityManager, locked: Transaction, source: string): boolean {
  if (!isUnsettled(locked.status) || !notFoundIsFinal(env, locked.createdAt)) return false;
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
  await env.em.fork().transactional(async (tx) => {
    const op = await tx.findOneOrFail(PaymentOperation, { id });
    const txn = await tx.findOneOrFail(Transaction, { id: op.transaction.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const final = op.kind === PaymentOperationKind.CANCEL || !env.registry.module(txn.provider).facets.payments.capture?.multiple;
    applyOperationResult(tx, txn, op, notFoundAsFailure(env, outcome, op.createdAt), final);
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
  await env.em.fork().transactional(async (tx) => {
    const refund = await tx.findOneOrFail(Refund, { id });
    const txn = await tx.findOneOrFail(Transaction, { id: refund.transaction.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    applyRefundResult(tx, txn, refund, notFoundAsFailure(env, outcome, refund.createdAt));
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
  await env.em.fork().transactional(async (tx) => {
    const payout = await tx.findOneOrFail(Payout, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    applyPayoutResult(payout, notFoundAsFailure(env, outcome, payout.createdAt));
  });
}

function notFoundAsFailure(env: PaymentsEnv, outcome: ProviderOutcome, createdAt: Date): CallResult {
  if (outcome.status !== 'not_found' || !notFoundIsFinal(env, createdAt)) return { kind: 'outcome', outcome };
  return { kind: 'outcome', outcome: { status: 'failed', code: 'NOT_RECEIVED_BY_PROVIDER', reason: 'the provider has no record of this operation', reasonCode: DeclineReasonCode.PROCESSING_ERROR } };
}
