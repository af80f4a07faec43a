import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ScheduledPaymentFacts } from '../../providers/provider';
import { facetOf } from '../../providers/registry';
import { inTransaction } from '../engine/in-transaction';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { callProvider } from '../engine/provider-call';
import { notFoundIsFinal } from '../engine/provider-status';
import { utcDay } from './schedule-command';
import { recordScheduleEvent } from './scheduled-payment-history';
import { ScheduledPayment, ScheduledPaymentRunner, ScheduledPaymentStatus } from './scheduled-payment.entity';
import { databaseNow } from './scheduled-run-result';
import type { RunDeps } from './scheduled-run';

/** What the provider's list of the order's upcoming schedules said: the ones that can be ours, or no answer. */
type Lookup = { candidates: ScheduledPaymentFacts[] } | { unanswered: string };

/**
 * A provider-run schedule whose answer was lost (SCHEDULED, no providerScheduleId) is found again: the
 * provider's upcoming schedules of the order (SchedulingFacet.findUpcoming, PayNearMe /find_scheduled_payment)
 * are matched on what identifies ours — payment date, amount, currency and token; PayNearMe's schedule_payment
 * takes no reference of ours — and the first one no other row of ours holds is recorded, once, under the row
 * lock (and a unique index). Nothing is ever scheduled again here. Not found: it stays as it is until the
 * provider's not-found window (notFoundFinalAfterMs, measured from the row's creation on the database clock)
 * has passed, then it is FAILED with PROVIDER_SCHEDULE_NOT_FOUND: the merchant schedules again, knowingly.
 */
export async function recoverNativeSchedule(deps: RunDeps, id: string): Promise<boolean> {
  const row = await inTransaction(deps.em, (tx) => claimLookup(tx, deps, id));
  if (!row) return false;
  const env = deps.envFor(row.site.id);
  const lookup = await lookUp(env, row);
  await inTransaction(deps.em, (tx) => recordLookup(env, tx, id, lookup));
  return true;
}

async function claimLookup(tx: EntityManager, deps: RunDeps, id: string): Promise<ScheduledPayment | undefined> {
  const where = { id, runBy: ScheduledPaymentRunner.PROVIDER, status: ScheduledPaymentStatus.SCHEDULED, providerScheduleId: null };
  const row = await tx.findOne(ScheduledPayment, where, { lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE, refresh: true });
  if (!row) return undefined;
  const now = await databaseNow(tx);
  if (row.leaseUntil && row.leaseUntil.getTime() > now.getTime()) return undefined;
  row.leaseUntil = new Date(now.getTime() + deps.leaseMs);
  await tx.flush();
  await tx.populate(row, ['site', 'order', 'paymentMethod']);
  return row;
}

async function lookUp(env: PaymentsEnv, row: ScheduledPayment): Promise<Lookup> {
  const providerOrderId = row.order?.providerOrderId;
  if (!providerOrderId) return { candidates: [] };
  const result = await callProvider(deadlineOf(env), async (options) => {
    const adapter = await adapterFor(env, env.em, row.site, row.provider, row.partnerSiteId);
    return facetOf(adapter, 'scheduling').findUpcoming({ providerOrderId }, options);
  });
  if (result.kind === 'error') return { unanswered: result.error.message };
  const day = utcDay(row.scheduledFor);
  const token = row.paymentMethod?.providerToken;
  const ours = (s: ScheduledPaymentFacts) =>
    s.paymentDate === day &&
    s.amount.amountMinor === BigInt(row.amountMinor) &&
    s.amount.currency === row.currency &&
    (!s.token || !token || s.token === token) &&
    !/cancel/i.test(s.status ?? '');
  return { candidates: result.outcome.filter(ours).sort((a, b) => (a.providerScheduleId < b.providerScheduleId ? -1 : 1)) };
}

async function recordLookup(env: PaymentsEnv, tx: EntityManager, id: string, lookup: Lookup): Promise<void> {
  const row = await tx.findOneOrFail(ScheduledPayment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  row.leaseUntil = undefined;
  if (row.status !== ScheduledPaymentStatus.SCHEDULED || row.providerScheduleId) return tx.flush();
  if ('unanswered' in lookup) {
    env.log.warn({ scheduledPaymentId: id, provider: row.provider, error: lookup.unanswered }, 'looking for a lost schedule at the provider failed; the next sweep asks again');
    return tx.flush();
  }
  const free = await firstFree(tx, row.provider, lookup.candidates);
  if (free) {
    row.providerScheduleId = free.providerScheduleId;
    recordScheduleEvent(tx, row, { type: 'found_at_provider', data: { providerScheduleId: free.providerScheduleId, paymentDate: free.paymentDate } });
  } else if (await notFoundIsFinal(env, tx, row.createdAt, row.provider)) {
    const message = `the provider has no schedule matching this one (${utcDay(row.scheduledFor)}, ${row.amountMinor} ${row.currency} minor units) after its not-found window: it was not created; schedule it again`;
    Object.assign(row, { failureCode: 'PROVIDER_SCHEDULE_NOT_FOUND', failureMessage: message });
    recordScheduleEvent(tx, row, { type: 'not_found_at_provider', message, data: { code: row.failureCode } }, ScheduledPaymentStatus.FAILED);
  }
  await tx.flush();
}

/** The first candidate no other row of ours holds (two lost schedules alike get one each). */
async function firstFree(tx: EntityManager, provider: string, candidates: ScheduledPaymentFacts[]): Promise<ScheduledPaymentFacts | undefined> {
  if (!candidates.length) return undefined;
  const ids = candidates.map((c) => c.providerScheduleId);
  const taken = await tx.find(ScheduledPayment, { provider, providerScheduleId: { $in: ids } }, { fields: ['providerScheduleId'] });
  const held = new Set(taken.map((t) => t.providerScheduleId));
  return candidates.find((c) => !held.has(c.providerScheduleId));
}
