import { orderOf } from './calls-orders';
import { feeCents } from './fees';
import type { Delivery } from './calls-payments';
import { cents, channelOf, Refused, type Caller } from './params';
import { scheduleJson } from './render';
import type { SandboxSchedule, SandboxState } from './state';

/** Counts one use of a fault knob down; true when it applies to this call. */
function takeKnob(state: SandboxState, knob: 'loseScheduleAnswers' | 'dropScheduleRequests'): boolean {
  if (state.knobs[knob] <= 0) return false;
  state.knobs[knob] -= 1;
  return true;
}

/**
 * A future-dated payment with an active token of the order (paynearme-proxy-api.md "Scheduled Payment Options").
 * The fault knobs drop the connection before anything is created, or after the schedule was created.
 */
export function schedulePayment(state: SandboxState, caller: Caller, body: Record<string, string>): Delivery {
  if (takeKnob(state, 'dropScheduleRequests')) return { body: undefined, dropAnswer: true };
  const order = orderOf(state, caller, body);
  if (order.status !== 'open') throw new Refused(`Order is ${order.status} and does not accept payments`);
  if (body.payment_currency !== 'USD') throw new Refused('payment_currency must be USD');
  const amount = cents(body.payment_amount, 'payment_amount');
  const date = body.payment_date ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new Refused('payment_date must be a date (YYYY-MM-DD)');
  if (date <= state.today()) throw new Refused('payment_date must be in the future');
  const token = state.tokens.get(body.payment_method_identifier ?? '');
  if (!token || token.pnmOrderId !== order.pnmOrderId) throw new Refused('Payment method not found for given payment_method_identifier');
  if (token.status !== 'active') throw new Refused('Payment method is not active');
  const schedule: SandboxSchedule = {
    id: `spm_${state.nextId()}`,
    pnmOrderId: order.pnmOrderId,
    proxySite: caller.proxySite,
    tokenId: token.id,
    paymentDate: date,
    amountCents: amount,
    feeCents: feeCents(order, `${token.accountType}_card`, channelOf(body.site_channel)),
    status: 'scheduled',
    recurring: false,
  };
  state.schedules.set(schedule.id, schedule);
  return { body: { status: 'ok', scheduled_payment: scheduleJson(schedule) }, dropAnswer: takeKnob(state, 'loseScheduleAnswers') };
}

/** "Scheduled payments must be canceled prior to the payment_date." */
export function cancelScheduledPayment(state: SandboxState, caller: Caller, body: Record<string, string>) {
  const schedule = state.schedules.get(body.pnm_scheduled_payment_identifier ?? '');
  if (!schedule || schedule.proxySite !== caller.proxySite) throw new Refused('Scheduled payment not found for given pnm_scheduled_payment_identifier');
  if (schedule.status === 'canceled') throw new Refused('Scheduled payment has already been canceled');
  if (state.today() >= schedule.paymentDate) throw new Refused('Scheduled payments must be canceled prior to the payment_date');
  schedule.status = 'canceled';
  return { body: { status: 'ok', scheduled_payment: scheduleJson(schedule) } };
}
