import { scenarioOf } from './scenarios';
import { dueCents } from './render';
import type { SandboxPayment, SandboxSchedule, SandboxState } from './state';

/**
 * PayNearMe paying its schedules on their payment_date: every `scheduled` schedule due by `asOf` (the sandbox's
 * own day unless a test names a later one — the schedule runner's controllable clock) is charged with its token,
 * approved or rejected by the token's test card, put in the order's payment history (find_orders without
 * return_minimal_info) dated on its payment day, and marked `processed`. Like PayNearMe's schedule_payment, the
 * payment carries no site_payment_identifier, and the Payments object has no schedule id.
 */
export function runDueSchedules(state: SandboxState, asOf = state.today()): SandboxPayment[] {
  const due = [...state.schedules.values()].filter((s) => s.status === 'scheduled' && s.paymentDate <= asOf);
  return due.sort((a, b) => (a.paymentDate < b.paymentDate ? -1 : 1)).map((s) => payScheduled(state, s));
}

function payScheduled(state: SandboxState, s: SandboxSchedule): SandboxPayment {
  const order = state.orders.get(s.pnmOrderId)!;
  const token = state.tokens.get(s.tokenId)!;
  const scenario = scenarioOf(token.cardNumber);
  const refusal = order.status !== 'open' ? `Order is ${order.status} and does not accept payments` : token.status !== 'active' ? 'Payment method is not active' : undefined;
  const approved = !refusal && scenario.outcome === 'approve';
  const payment: SandboxPayment = {
    pnmPaymentId: state.nextId(),
    pnmOrderId: order.pnmOrderId,
    proxySite: s.proxySite,
    tokenId: token.id,
    status: approved ? 'approved' : 'rejected',
    netCents: s.amountCents,
    feeCents: s.feeCents,
    accountType: token.accountType,
    declineCode: approved ? undefined : refusal ? 'R1' : scenario.declineCode,
    declineReason: approved ? undefined : (refusal ?? scenario.declineReason),
    createdAt: `${s.paymentDate}T09:00:00.000Z`,
    scheduleId: s.id,
  };
  state.payments.set(payment.pnmPaymentId, payment);
  s.status = 'processed';
  if (approved && order.orderType === 'exact' && dueCents(state, order) === 0) order.status = 'paid';
  return payment;
}
