import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StoredResponse } from '../idempotency/idempotency.service';
import { isAwaitingCustomer } from '../transactions/transaction-state';
import { TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { moveTo } from '../transactions/transaction-transitions';
import { settleOrder } from './order-settlement';
import type { PaymentsEnv } from '../engine/payments-env';
import { RECOVERY_DEFAULTS } from '../engine/recovery-policy';

/**
 * A payment waiting for the customer (3-D Secure, a fee choice) whose customer is gone: after the configured
 * expiry (and a last status query, made by the caller) it ends FAILED with CUSTOMER_ACTION_EXPIRED, which
 * releases its order balance. If the customer finishes after all, the provider's status corrects it (late_success).
 */
export async function expireCustomerAction(env: PaymentsEnv, id: string): Promise<boolean> {
  const expiryMs = env.recovery?.customerActionExpiryMs ?? RECOVERY_DEFAULTS.customerActionExpiryMs;
  return env.em.fork().transactional(async (tx) => {
    const locked = await tx.findOneOrFail(Transaction, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!isAwaitingCustomer(locked.status) || !(await olderThan(tx, id, expiryMs))) return false;
    const reason = `the customer did not complete the payment within ${Math.round(expiryMs / 1000)} s`;
    return endCustomerAction(env, tx, locked, TransactionStatus.FAILED, 'CUSTOMER_ACTION_EXPIRED', reason);
  });
}

/**
 * cancelPayment on a payment waiting for the customer: ask the provider first (`settle`); still waiting →
 * CANCELLED here, with its event, and the order balance released. Anything else (it moved meanwhile) returns
 * undefined, and the ordinary cancel path answers (a void, or INVALID_STATE).
 */
export async function cancelAwaitingCustomer(
  env: PaymentsEnv,
  transactionId: string,
  resolve: (id: string) => Promise<unknown>,
): Promise<StoredResponse | undefined> {
  const txn = await env.em.fork().findOne(Transaction, { id: transactionId }, { fields: ['status'] });
  if (!txn || !isAwaitingCustomer(txn.status)) return undefined;
  await resolve(transactionId);
  const cancelled = await env.em.fork().transactional(async (tx) => {
    const locked = await tx.findOneOrFail(Transaction, { id: transactionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!isAwaitingCustomer(locked.status)) return false;
    return endCustomerAction(env, tx, locked, TransactionStatus.CANCELLED, 'CUSTOMER_ACTION_CANCELLED', 'cancelled while the customer step was unfinished');
  });
  return cancelled ? { transactionId } : undefined;
}

async function endCustomerAction(env: PaymentsEnv, tx: EntityManager, locked: Transaction, to: TransactionStatus, code: string, reason: string): Promise<boolean> {
  if (!moveTo(tx, locked, to, { message: reason, data: { source: 'gateway', code } })) return false;
  Object.assign(locked, { declineCode: code, declineReason: reason, nextAction: null });
  await settleOrder(tx, locked, env.log);
  return true;
}

/** Created more than `ms` ago, by the database's clock, the same for every instance (a customer step's expiry). */
export async function olderThan(tx: EntityManager, id: string, ms: number): Promise<boolean> {
  const rows = await tx.execute<{ old: boolean }[]>(`select created_at < now() - ?::float8 * interval '1 millisecond' as old from "transaction" where id = ?`, [ms, id]);
  return rows[0]?.old === true;
}
