import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../kernel/clock';
import { DomainError, NotFoundError } from '../../kernel/errors';
import type { PaymentProvider } from '../../providers/provider';
import { facetOf } from '../../providers/registry';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { runPhases } from '../engine/phases';
import { callProvider } from '../engine/provider-call';
import { callerScope, type Principal } from '../sites/principal';
import { loadActingSite } from '../tenancy';
import { providerRefusal, type ScheduleAnswer } from './schedule-answer';
import { recordScheduleEvent } from './scheduled-payment-history';
import { ScheduledPayment, ScheduledPaymentRunner, ScheduledPaymentStatus } from './scheduled-payment.entity';

const FIELD = ['input', 'scheduledPaymentId'];

interface CancelState {
  scheduledPaymentId: string;
  /** A schedule the provider holds: cancel it there first. */
  native?: { adapter: PaymentProvider; providerScheduleId: string };
}

type CancelResult = Awaited<ReturnType<typeof callProvider<void>>> | undefined;

/**
 * `cancelScheduledPayment`: only while it is SCHEDULED and before its due time, for both kinds. A gateway-run
 * schedule is cancelled under its row lock, the lock the job takes before it pays, so the two never both win.
 * A native one is cancelled at the provider, then recorded.
 */
export async function cancelScheduledPayment(env: PaymentsEnv, principal: Principal, clock: Clock, cmd: { scheduledPaymentId: string }, idempotencyKey?: string) {
  return runPhases<CancelState, CancelResult>(env, { scope: callerScope(principal), key: idempotencyKey, operation: 'cancelScheduledPayment', input: cmd }, {
    prepare: (tx) => prepareCancel(env, tx, principal, clock, cmd.scheduledPaymentId),
    call: (state) => (state.native ? callCancel(env, state.native) : Promise.resolve(undefined)),
    record: (tx, state, result) => recordCancel(tx, state, result),
  });
}

async function prepareCancel(env: PaymentsEnv, tx: EntityManager, principal: Principal, clock: Clock, id: string): Promise<CancelState> {
  const scheduled = await tx.findOne(ScheduledPayment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!scheduled) throw new NotFoundError('scheduled payment', FIELD);
  checkCancellable(scheduled, clock);
  if (scheduled.runBy === ScheduledPaymentRunner.GATEWAY) {
    recordScheduleEvent(tx, scheduled, { type: 'cancelled' }, ScheduledPaymentStatus.CANCELLED);
    await tx.flush();
    return { scheduledPaymentId: id };
  }
  if (!scheduled.providerScheduleId) {
    throw new DomainError('PROVIDER_SCHEDULE_UNKNOWN', 'the provider never confirmed this schedule, so the gateway cannot name it there; ask the provider', FIELD);
  }
  const adapter = await adapterFor(env, tx, await loadActingSite(tx), scheduled.provider, principal.siteId);
  return { scheduledPaymentId: id, native: { adapter, providerScheduleId: scheduled.providerScheduleId } };
}

function checkCancellable(scheduled: ScheduledPayment, clock: Clock): void {
  if (scheduled.status === ScheduledPaymentStatus.CANCELLED) throw new DomainError('ALREADY_CANCELLED', 'this scheduled payment is already cancelled', FIELD);
  const due = scheduled.scheduledFor.toISOString();
  if (scheduled.status !== ScheduledPaymentStatus.SCHEDULED || clock.now().getTime() >= scheduled.scheduledFor.getTime()) {
    throw new DomainError('PAYMENT_DATE_PASSED', `this scheduled payment was due at ${due} (status ${scheduled.status}); it can be cancelled only before then`, FIELD);
  }
}

function callCancel(env: PaymentsEnv, native: NonNullable<CancelState['native']>) {
  return callProvider<void>(deadlineOf(env), async (options) => void (await facetOf(native.adapter, 'scheduling').cancel({ providerScheduleId: native.providerScheduleId }, options)));
}

/** The provider's refusal (its date has come, by its calendar) is answered with its text; the schedule stays as it was. */
async function recordCancel(tx: EntityManager, state: CancelState, result: CancelResult): Promise<ScheduleAnswer> {
  const answer: ScheduleAnswer = { scheduledPaymentId: state.scheduledPaymentId };
  if (!result) return answer;
  const scheduled = await tx.findOneOrFail(ScheduledPayment, { id: state.scheduledPaymentId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (result.kind === 'outcome') {
    recordScheduleEvent(tx, scheduled, { type: 'cancelled', data: { atProvider: true } }, ScheduledPaymentStatus.CANCELLED);
  } else {
    answer.userError = providerRefusal(result.error, FIELD);
    recordScheduleEvent(tx, scheduled, { type: 'cancel_refused_by_provider', message: result.error.message, data: { code: answer.userError.code } });
  }
  await tx.flush();
  return answer;
}
