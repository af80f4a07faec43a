import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../kernel/clock';
import { DomainError } from '../../kernel/errors';
import { inTransaction } from '../engine/in-transaction';
import type { PaymentsEnv } from '../engine/payments-env';
import { pay } from '../payments/pay.service';
import type { PayCommand } from '../payments/pay-command';
import { Scope } from '../sites/api-key.entity';
import type { Principal } from '../sites/principal';
import { SiteKind } from '../sites/site.entity';
import { Transaction } from '../transactions/transaction.entity';
import { databaseNow, finishRun, type RunOutcome } from './scheduled-run-result';
import { recordScheduleEvent } from './scheduled-payment-history';
import { ScheduledPayment, ScheduledPaymentRunner, ScheduledPaymentStatus } from './scheduled-payment.entity';

export interface RunDeps {
  /** Sees every site: the row names its own. */
  em: EntityManager;
  /** A payments environment scoped to one site, as a request of that site would have. */
  envFor(siteId: string): PaymentsEnv;
  clock: Clock;
  /** How long a run holds its row; longer than a payment's provider deadline, so a live run is never taken over. */
  leaseMs: number;
  /**
   * How long a provider-run schedule past its date waits before its payment history is read again when nothing
   * was found (native-outcome.ts): that read is the provider's expensive call. 0 = at the next sweep.
   */
  outcomeRecheckMs?: number;
}

/**
 * The idempotency key of a scheduled payment's one payment. It has a space, which no client's key may have
 * (docs/idempotency.md), so no request can take it first.
 */
export const runKey = (id: string) => `scheduled payment ${id}`;

/**
 * Pays one due gateway-run schedule through the normal engine, exactly once however many instances and jobs try:
 * 1. under the row lock (SKIP LOCKED: another instance's run holds it), a due SCHEDULED row, or a PROCESSING row
 *    whose run lease has expired (its holder died or its payment's outcome was not known yet), is claimed;
 * 2. the payment is the one already made for it (linked, or found by its metadata), else `pay` with the row's
 *    deterministic idempotency key, so a run after a crash resolves the first attempt instead of paying again;
 * 3. under the row lock, its result is recorded (scheduled-run-result.ts).
 */
export async function runScheduledPayment(deps: RunDeps, id: string): Promise<boolean> {
  const claimed = await inTransaction(deps.em, (tx) => claimRun(tx, deps, id));
  if (!claimed) return false;
  const outcome = await payOnce(deps.envFor(claimed.site.id), claimed);
  await inTransaction(deps.em, (tx) => finishRun(tx, deps.leaseMs, id, outcome));
  return true;
}

async function claimRun(tx: EntityManager, deps: RunDeps, id: string): Promise<ScheduledPayment | undefined> {
  const row = await tx.findOne(ScheduledPayment, { id, runBy: ScheduledPaymentRunner.GATEWAY }, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, refresh: true });
  if (!row) return undefined;
  const now = await databaseNow(tx);
  const due = row.status === ScheduledPaymentStatus.SCHEDULED && row.scheduledFor.getTime() <= deps.clock.now().getTime();
  const resumable = row.status === ScheduledPaymentStatus.PROCESSING && (!row.leaseUntil || row.leaseUntil.getTime() <= now.getTime());
  if (!due && !resumable) return undefined;
  row.attempts += 1;
  row.leaseUntil = new Date(now.getTime() + deps.leaseMs);
  recordScheduleEvent(tx, row, { type: due ? 'run_started' : 'run_resumed', data: { attempt: row.attempts } }, ScheduledPaymentStatus.PROCESSING);
  await tx.flush();
  await tx.populate(row, ['site', 'transaction']);
  return row;
}

const RETRY_LATER = new Set(['IDEMPOTENCY_KEY_IN_PROGRESS', 'RESOURCE_BUSY']);

async function payOnce(env: PaymentsEnv, row: ScheduledPayment): Promise<RunOutcome> {
  const made = row.transaction ?? (await env.em.fork().findOne(Transaction, { metadata: { scheduledPaymentId: row.id } }));
  if (made) return { transactionId: made.id };
  try {
    const { response } = await pay(env, schedulerOf(row), payCommandOf(row), runKey(row.id));
    return { transactionId: String(response.transactionId) };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (RETRY_LATER.has(error.code)) return { retry: { code: error.code, message: error.message } };
    return { refused: { code: error.code, message: error.message } };
  }
}

/** The site itself pays its schedule: the principal a site key would be, with the PAY scope only. */
function schedulerOf(row: ScheduledPayment): Principal {
  return { apiKeyId: 'scheduler', siteId: row.site.id, actingSiteId: row.site.id, siteKind: SiteKind.MERCHANT, scopes: new Set([Scope.PAY]) };
}

/** Built from the row alone, so every run of it sends the same input under the same key. */
function payCommandOf(row: ScheduledPayment): PayCommand {
  return {
    provider: row.provider,
    amount: { amountMinor: BigInt(row.amountMinor), currency: row.currency },
    orderId: row.order?.id,
    customerId: row.customer?.id,
    paymentMethodId: row.paymentMethod?.id,
    capture: true,
    description: row.description,
    metadata: { scheduledPaymentId: row.id },
  };
}
