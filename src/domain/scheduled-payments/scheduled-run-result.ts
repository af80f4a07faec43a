import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { recordScheduleEvent } from './scheduled-payment-history';
import { ScheduledPayment, ScheduledPaymentStatus } from './scheduled-payment.entity';

/** What a run learnt: the payment made (whatever its status), a refusal before any payment, or "try again later". */
export type RunOutcome =
  | { transactionId: string }
  | { refused: { code: string; message: string } }
  | { retry: { code: string; message: string } };

const FAILED_STATUSES = new Set<TransactionStatus>([TransactionStatus.DECLINED, TransactionStatus.FAILED, TransactionStatus.CANCELLED]);

/** Leases are on the database's clock: instances' clocks drift, and each decides by comparing with the others' leases. */
export async function databaseNow(em: EntityManager): Promise<Date> {
  const [row] = await em.execute<{ now: Date }[]>('select clock_timestamp() as now');
  return new Date(row!.now);
}

/**
 * Phase 3 of a run, under the row lock. A payment still open (OUTCOME_UNKNOWN, PENDING) keeps the row PROCESSING
 * with its lease: the reconciler settles the payment, and the run after the lease reads its final status.
 */
export async function finishRun(tx: EntityManager, leaseMs: number, id: string, outcome: RunOutcome): Promise<void> {
  const row = await tx.findOneOrFail(ScheduledPayment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (row.status !== ScheduledPaymentStatus.PROCESSING) return;
  if ('refused' in outcome) {
    Object.assign(row, { failureCode: outcome.refused.code, failureMessage: outcome.refused.message, leaseUntil: undefined });
    recordScheduleEvent(tx, row, { type: 'payment_refused', message: outcome.refused.message, data: { code: outcome.refused.code } }, ScheduledPaymentStatus.FAILED);
  } else if ('retry' in outcome) {
    recordScheduleEvent(tx, row, { type: 'run_deferred', message: outcome.retry.message, data: { code: outcome.retry.code } });
  } else {
    await recordPayment(tx, row, outcome.transactionId, leaseMs);
  }
  await tx.flush();
}

export async function recordPayment(tx: EntityManager, row: ScheduledPayment, transactionId: string, leaseMs: number): Promise<void> {
  const txn = await tx.findOneOrFail(Transaction, { id: transactionId }, { refresh: true });
  const linked = row.transaction?.id === txn.id;
  row.transaction = txn;
  const data = { transactionId: txn.id, transactionStatus: txn.status };
  if (txn.status === TransactionStatus.SUCCEEDED) {
    row.leaseUntil = undefined;
    recordScheduleEvent(tx, row, { type: 'paid', data }, ScheduledPaymentStatus.SUCCEEDED);
  } else if (FAILED_STATUSES.has(txn.status)) {
    Object.assign(row, { leaseUntil: undefined, failureCode: txn.declineCode ?? txn.status, failureMessage: txn.declineReason ?? `the payment is ${txn.status}` });
    recordScheduleEvent(tx, row, { type: 'declined', message: row.failureMessage, data: { ...data, code: row.failureCode } }, ScheduledPaymentStatus.FAILED);
  } else {
    row.leaseUntil = new Date((await databaseNow(tx)).getTime() + leaseMs);
    if (!linked) recordScheduleEvent(tx, row, { type: 'payment_pending', data });
  }
}
