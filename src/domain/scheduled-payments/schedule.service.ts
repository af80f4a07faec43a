import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../kernel/clock';
import type { PaymentProvider, ScheduleRequest, ScheduledPaymentFacts } from '../../providers/provider';
import { facetOf } from '../../providers/registry';
import { adapterFor, customerData, deadlineOf, newReference, type PaymentsEnv } from '../engine/payments-env';
import { runPhases } from '../engine/phases';
import { callProvider } from '../engine/provider-call';
import { callerScope, type Principal } from '../sites/principal';
import { loadActingSite } from '../tenancy';
import { resolveSchedule, utcDay, type ScheduleCommand } from './schedule-command';
import { recordScheduleEvent } from './scheduled-payment-history';
import { ScheduledPayment, ScheduledPaymentRunner, ScheduledPaymentStatus } from './scheduled-payment.entity';
import { providerRefusal, type ScheduleAnswer } from './schedule-answer';

interface ScheduleState {
  scheduledPaymentId: string;
  /** Set for a provider that schedules natively: the call to make. */
  native?: { adapter: PaymentProvider; request: ScheduleRequest };
}

type ScheduleResult = Awaited<ReturnType<typeof callProvider<ScheduledPaymentFacts>>> | undefined;

/**
 * `schedulePayment`, one mutation for every provider. A provider with the scheduling facet runs the schedule
 * itself (phase 2 asks it to); for any other the row is all there is, and the gateway's job queue pays it at the
 * due time (scheduled-run.ts). Bad input writes nothing.
 */
export async function schedulePayment(env: PaymentsEnv, principal: Principal, clock: Clock, cmd: ScheduleCommand, idempotencyKey?: string) {
  const input = { ...cmd, scheduledFor: cmd.scheduledFor.toISOString() };
  return runPhases<ScheduleState, ScheduleResult>(env, { scope: callerScope(principal), key: idempotencyKey, operation: 'schedulePayment', input }, {
    prepare: (tx) => prepareSchedule(env, tx, principal, clock, cmd),
    call: (state) => (state.native ? callNative(env, state.native) : Promise.resolve(undefined)),
    record: (tx, state, result) => recordSchedule(tx, state, result),
  });
}

async function prepareSchedule(env: PaymentsEnv, tx: EntityManager, principal: Principal, clock: Clock, cmd: ScheduleCommand): Promise<ScheduleState> {
  const site = await loadActingSite(tx);
  const { module, order, customer, paymentMethod, scheduledFor } = await resolveSchedule(env, tx, clock, cmd);
  const native = !!module.facets.scheduling;
  const scheduled = tx.create(ScheduledPayment, {
    site,
    order: order ?? undefined,
    customer: customer ?? undefined,
    paymentMethod,
    provider: module.key,
    amountMinor: cmd.amount.amountMinor,
    currency: cmd.amount.currency,
    scheduledFor,
    description: cmd.description,
    runBy: native ? ScheduledPaymentRunner.PROVIDER : ScheduledPaymentRunner.GATEWAY,
    partnerSiteId: principal.siteId !== site.id ? principal.siteId : undefined,
  });
  recordScheduleEvent(tx, scheduled, { type: 'scheduled', data: { runBy: scheduled.runBy, scheduledFor: scheduledFor.toISOString() } });
  await tx.flush();
  if (!native) return { scheduledPaymentId: scheduled.id };
  const adapter = await adapterFor(env, tx, site, module.key, principal.siteId);
  const request: ScheduleRequest = {
    reference: newReference('sch'),
    amount: cmd.amount,
    source: { type: 'token', token: paymentMethod.providerToken ?? '' },
    customer: customerData(customer),
    providerOrderId: order?.providerOrderId,
    description: cmd.description,
    notificationUrl: `${env.registry.publicUrl()}/callbacks/${module.key}`,
    paymentDate: utcDay(scheduledFor),
  };
  return { scheduledPaymentId: scheduled.id, native: { adapter, request } };
}

function callNative(env: PaymentsEnv, native: NonNullable<ScheduleState['native']>) {
  return callProvider<ScheduledPaymentFacts>(deadlineOf(env), (options) => facetOf(native.adapter, 'scheduling').schedule(native.request, options));
}

/** A refusal is recorded (FAILED, with the provider's text) and answered as a userError; an unknown answer stays SCHEDULED without the provider's id. */
async function recordSchedule(tx: EntityManager, state: ScheduleState, result: ScheduleResult): Promise<ScheduleAnswer> {
  const answer: ScheduleAnswer = { scheduledPaymentId: state.scheduledPaymentId };
  if (!result) return answer;
  const scheduled = await tx.findOneOrFail(ScheduledPayment, { id: state.scheduledPaymentId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  // The schedule job found it first (native-recovery.ts): the provider's id is recorded once.
  if (scheduled.providerScheduleId) return answer;
  if (result.kind === 'outcome') {
    scheduled.providerScheduleId = result.outcome.providerScheduleId;
    recordScheduleEvent(tx, scheduled, { type: 'scheduled_at_provider', data: { providerScheduleId: result.outcome.providerScheduleId, paymentDate: result.outcome.paymentDate } });
  } else if (result.error.kind === 'indeterminate') {
    recordScheduleEvent(tx, scheduled, { type: 'provider_outcome_unknown', message: result.error.message, data: { code: result.error.code } });
  } else {
    Object.assign(scheduled, { failureCode: result.error.code, failureMessage: result.error.message });
    recordScheduleEvent(tx, scheduled, { type: 'refused_by_provider', message: result.error.message, data: { code: result.error.code } }, ScheduledPaymentStatus.FAILED);
    answer.userError = providerRefusal(result.error, ['input']);
  }
  await tx.flush();
  return answer;
}
