import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProviderOrderPayment } from '../../providers/provider';
import { facetOf } from '../../providers/registry';
import { inTransaction } from '../engine/in-transaction';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { callProvider } from '../engine/provider-call';
import { recordProviderPayments } from '../orders/provider-payments';
import { Transaction } from '../transactions/transaction.entity';
import { utcDay } from './schedule-command';
import { recordScheduleEvent } from './scheduled-payment-history';
import { ScheduledPayment, ScheduledPaymentRunner, ScheduledPaymentStatus } from './scheduled-payment.entity';
import { databaseNow, recordPayment } from './scheduled-run-result';
import type { RunDeps } from './scheduled-run';

/**
 * How long after its payment date (on the schedule job's clock) the gateway keeps looking in the order's payment
 * history for the payment a provider-run schedule made, before it fails it with PROVIDER_PAYMENT_NOT_FOUND.
 * PayNearMe pays on the payment_date; three days cover a run late in the day and a weekend.
 */
export const NATIVE_OUTCOME_WINDOW_MS = 3 * 24 * 60 * 60 * 1000;

const FINAL = new Set(['succeeded', 'declined', 'cancelled']);

type Lookup = { payments: ProviderOrderPayment[] } | { unanswered: string };

/**
 * The outcome of a provider-run schedule after its payment date (docs/scheduled-payments.md "Native outcome"):
 * the order's payment history (ProviderOrdersFacet.find with `full`, PayNearMe /find_orders without
 * return_minimal_info) is searched for the payment the schedule made — by the provider's schedule id when the
 * payment names it, else (PayNearMe's documents show no such field) by token, net amount and currency, made on
 * or after the payment day, with no site_payment_identifier (the gateway's own payments carry one) and held by no
 * other schedule. A schedule whose answer was lost and never found again before its date (no provider id) is
 * matched the same way, by what the document offers. Under the row lock it is recorded once as a transaction (provider-payments.ts: one per
 * provider payment id) and the schedule becomes SUCCEEDED or FAILED with the decline. Two instances: the claim
 * skips a locked or leased row, and the recording re-reads the row under its lock.
 */
export async function settleNativeSchedule(deps: RunDeps, id: string): Promise<boolean> {
  const row = await inTransaction(deps.em, (tx) => claimOutcome(tx, deps, id));
  if (!row) return false;
  const env = deps.envFor(row.site.id);
  const lookup = await lookUp(env, row);
  await inTransaction(deps.em, (tx) => recordOutcome(env, tx, deps, id, lookup));
  return true;
}

async function claimOutcome(tx: EntityManager, deps: RunDeps, id: string): Promise<ScheduledPayment | undefined> {
  const where = { id, runBy: ScheduledPaymentRunner.PROVIDER, status: ScheduledPaymentStatus.SCHEDULED };
  const row = await tx.findOne(ScheduledPayment, where, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, refresh: true });
  if (!row || row.scheduledFor.getTime() > deps.clock.now().getTime()) return undefined;
  const now = await databaseNow(tx);
  if (row.leaseUntil && row.leaseUntil.getTime() > now.getTime()) return undefined;
  row.leaseUntil = new Date(now.getTime() + deps.leaseMs);
  await tx.flush();
  await tx.populate(row, ['site', 'order', 'paymentMethod']);
  return row;
}

async function lookUp(env: PaymentsEnv, row: ScheduledPayment): Promise<Lookup> {
  const providerOrderId = row.order?.providerOrderId;
  if (!providerOrderId) return { payments: [] };
  const result = await callProvider(deadlineOf(env), async (options) => {
    const adapter = await adapterFor(env, env.em, row.site, row.provider, row.partnerSiteId);
    return facetOf(adapter, 'providerOrders').find({ providerOrderId, full: true }, options);
  });
  if (result.kind === 'error') return { unanswered: result.error.message };
  return { payments: result.outcome?.details?.payments ?? [] };
}

/** The payments that can be this schedule's, earliest first. */
function candidatesFor(row: ScheduledPayment, payments: ProviderOrderPayment[]): ProviderOrderPayment[] {
  const named = payments.filter((p) => p.providerScheduleId);
  if (named.length) return named.filter((p) => p.providerScheduleId === row.providerScheduleId);
  const day = utcDay(row.scheduledFor);
  const token = row.paymentMethod?.providerToken;
  return payments
    .filter(
      (p) =>
        !p.reference &&
        p.outcome.amount?.amountMinor === BigInt(row.amountMinor) &&
        p.outcome.amount.currency === row.currency &&
        (!p.token || !token || p.token === token) &&
        (!p.madeAt || p.madeAt.slice(0, 10) >= day),
    )
    .sort((a, b) => ((a.madeAt ?? '') + a.providerTransactionId < (b.madeAt ?? '') + b.providerTransactionId ? -1 : 1));
}

/** Provider payment ids another schedule of ours already holds as its transaction. */
async function heldElsewhere(tx: EntityManager, row: ScheduledPayment, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const held = await tx.find(ScheduledPayment, { id: { $ne: row.id }, provider: row.provider, transaction: { providerTransactionId: { $in: ids } } }, { populate: ['transaction'] });
  return new Set(held.map((s) => s.transaction!.providerTransactionId!));
}

async function recordOutcome(env: PaymentsEnv, tx: EntityManager, deps: RunDeps, id: string, lookup: Lookup): Promise<void> {
  const row = await tx.findOneOrFail(ScheduledPayment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, populate: ['site', 'order', 'paymentMethod'] });
  row.leaseUntil = undefined;
  if (row.status !== ScheduledPaymentStatus.SCHEDULED || row.transaction) return tx.flush();
  // Until an outcome is recorded, the lease stays until the next read is due, so sweeps in between skip the row.
  const recheck = deps.outcomeRecheckMs ?? 0;
  if (recheck > 0) row.leaseUntil = new Date((await databaseNow(tx)).getTime() + recheck);
  if ('unanswered' in lookup) {
    env.log.warn({ scheduledPaymentId: id, provider: row.provider, error: lookup.unanswered }, "asking the provider for a schedule's payment failed; it is asked again later");
    return tx.flush();
  }
  const candidates = candidatesFor(row, lookup.payments);
  const held = await heldElsewhere(tx, row, candidates.map((c) => c.providerTransactionId));
  const mine = candidates.find((c) => !held.has(c.providerTransactionId));
  if (mine && FINAL.has(mine.outcome.status)) {
    row.leaseUntil = undefined;
    return recordFound(tx, deps, row, mine);
  }
  const overdue = deps.clock.now().getTime() - row.scheduledFor.getTime() > NATIVE_OUTCOME_WINDOW_MS;
  if (!mine && overdue) {
    const message = `the provider's payment history of the order shows no payment for this schedule (${utcDay(row.scheduledFor)}, ${row.amountMinor} ${row.currency} minor units) ${NATIVE_OUTCOME_WINDOW_MS / 3_600_000} hours after its payment date`;
    Object.assign(row, { failureCode: 'PROVIDER_PAYMENT_NOT_FOUND', failureMessage: message, leaseUntil: undefined });
    recordScheduleEvent(tx, row, { type: 'no_payment_at_provider', message, data: { code: row.failureCode } }, ScheduledPaymentStatus.FAILED);
  }
  await tx.flush();
}

async function recordFound(tx: EntityManager, deps: RunDeps, row: ScheduledPayment, payment: ProviderOrderPayment): Promise<void> {
  await recordProviderPayments(tx, row.site, row.order!, [payment]);
  const txn = await tx.findOneOrFail(Transaction, { site: row.site, provider: row.provider, providerTransactionId: payment.providerTransactionId });
  if (!txn.metadata?.scheduledPaymentId) txn.metadata = { ...txn.metadata, scheduledPaymentId: row.id };
  const matchedBy = payment.providerScheduleId ? 'providerScheduleId' : 'token, amount and payment date';
  recordScheduleEvent(tx, row, { type: 'payment_found_at_provider', data: { providerTransactionId: payment.providerTransactionId, matchedBy } });
  await tx.flush();
  await recordPayment(tx, row, txn.id, deps.leaseMs);
  await tx.flush();
}
