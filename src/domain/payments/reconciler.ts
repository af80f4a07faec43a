import type { EntityManager } from '@mikro-orm/postgresql';
import { PayoutStatus } from '../payouts/payout.entity';
import { Payout } from '../payouts/payout.entity';
import { Refund, RefundStatus } from '../refunds/refund.entity';
import { TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { PaymentOperation, PaymentOperationStatus } from './payment-operation.entity';
import { deadlineOf, type PaymentsEnv } from './payments-env';
import { settleOperation, settlePayout, settleRefund, settleTransaction } from './settle';

const BATCH = 100;

/** Statuses the customer or the provider still has to move; AWAITING_FEE_SELECTION waits for the customer only. */
const POLLED = [TransactionStatus.OUTCOME_UNKNOWN, TransactionStatus.PROCESSING, TransactionStatus.REQUIRES_ACTION];

export interface ReconcileSummary {
  transactions: number;
  operations: number;
  refunds: number;
  payouts: number;
}

/**
 * Finds every unsettled payment, capture, void, refund and payout older than `afterMs` and asks the provider
 * for its status. PENDING rows wait until the call that created them has certainly ended, so the reconciler
 * never races a pay call in flight. Running it on several instances at once is safe: status queries are reads
 * and every result is applied under the row lock through the same idempotent functions.
 */
export async function reconcileOnce(env: PaymentsEnv, afterMs: number): Promise<ReconcileSummary> {
  const em = env.em.fork();
  const now = Date.now();
  const settled = new Date(now - afterMs);
  const pendingCutoff = new Date(now - Math.max(afterMs, deadlineOf(env)));
  const txns = await em.find(
    Transaction,
    { $or: [{ status: { $in: POLLED }, updatedAt: { $lt: settled } }, { status: TransactionStatus.PENDING, createdAt: { $lt: pendingCutoff } }] },
    { orderBy: { updatedAt: 'asc' }, limit: BATCH, fields: ['id'] },
  );
  const ops = await openRows(em, PaymentOperation, [PaymentOperationStatus.PENDING, PaymentOperationStatus.OUTCOME_UNKNOWN], pendingCutoff);
  const refunds = await openRows(em, Refund, [RefundStatus.PENDING, RefundStatus.OUTCOME_UNKNOWN], pendingCutoff);
  const payouts = await openRows(em, Payout, [PayoutStatus.PENDING, PayoutStatus.VALIDATED, PayoutStatus.OUTCOME_UNKNOWN], pendingCutoff);
  await each(env, txns, (id) => settleTransaction(env, id));
  await each(env, ops, (id) => settleOperation(env, id));
  await each(env, refunds, (id) => settleRefund(env, id));
  await each(env, payouts, (id) => settlePayout(env, id));
  return { transactions: txns.length, operations: ops.length, refunds: refunds.length, payouts: payouts.length };
}

async function openRows<T extends { id: string }>(em: EntityManager, entity: new () => T, statuses: string[], cutoff: Date): Promise<T[]> {
  return em.find(entity as never, { status: { $in: statuses }, createdAt: { $lt: cutoff } } as never, { limit: BATCH, fields: ['id'] } as never) as Promise<T[]>;
}

/** One failing row (provider down, credentials removed) must not stop the others. */
async function each(env: PaymentsEnv, rows: { id: string }[], settle: (id: string) => Promise<unknown>): Promise<void> {
  for (const row of rows) {
    try {
      await settle(row.id);
    } catch (error) {
      env.log.warn({ id: row.id, error: error instanceof Error ? error.message : String(error) }, 'reconcile failed for one row');
    }
  }
}

/** Runs at start and on a timer; one run at a time per process. */
export class Reconciler {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly env: () => PaymentsEnv,
    private readonly options: { intervalMs: number; afterMs: number },
  ) {}

  start(): void {
    void this.runOnce();
    if (this.options.intervalMs > 0) {
      this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
      this.timer.unref();
    }
  }

  async runOnce(): Promise<ReconcileSummary | undefined> {
    if (this.running) await this.running.catch(() => undefined);
    const run = reconcileOnce(this.env(), this.options.afterMs).catch((error: unknown) => {
      this.env().log.error({ error: error instanceof Error ? error.message : String(error) }, 'reconciler run failed');
      return undefined;
    });
    this.running = run;
    return run;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
