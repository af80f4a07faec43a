import { feeCents, METHOD_TYPES } from './fees';
import { dollars, Refused, type Caller } from './params';
import { runDueSchedules } from './run-schedules';
import { fullOrderJson, minimalOrderJson, paymentMethodsJson, scheduleJson } from './render';
import type { SandboxOrder, SandboxState } from './state';

/** The order named by pnm_order_identifier (preferred) or site_order_identifier, of the calling client site. */
export function orderOf(state: SandboxState, caller: Caller, body: Record<string, string>): SandboxOrder {
  const pnm = body.pnm_order_identifier;
  const order = state.findOrder(caller.proxySite, pnm ? { pnm } : { site: body.site_order_identifier });
  if (!order) throw new Refused(`Order not found for given ${pnm ? 'pnm_order_identifier' : 'site_order_identifier'}`);
  return order;
}

export function findOrders(state: SandboxState, caller: Caller, body: Record<string, string>) {
  const order = orderOf(state, caller, body);
  const minimal = body.return_minimal_info === 'true';
  // Schedules due today were paid by now (PayNearMe runs them on their payment_date).
  runDueSchedules(state);
  return { status: 'ok', orders: [minimal ? minimalOrderJson(state, order) : fullOrderJson(state, order)] };
}

export function getFees(state: SandboxState, caller: Caller, body: Record<string, string>) {
  const order = orderOf(state, caller, body);
  const channel = body.site_channel;
  const fees = METHOD_TYPES.map((type) => ({ payment_method_type: type, fee_amount: dollars(feeCents(order, type, channel)), fee_currency: 'USD' }));
  return { status: 'ok', pnm_order_identifier: order.pnmOrderId, site_order_identifier: order.siteOrderId, ...(channel ? { site_channel: channel } : {}), fees };
}

export function findPaymentMethods(state: SandboxState, caller: Caller, body: Record<string, string>) {
  const order = orderOf(state, caller, body);
  return { status: 'ok', pnm_order_identifier: order.pnmOrderId, payment_methods: paymentMethodsJson(order, state.tokensOf(order)) };
}

export function findScheduledPayment(state: SandboxState, caller: Caller, body: Record<string, string>) {
  const order = orderOf(state, caller, body);
  const today = state.today();
  const upcoming = [...state.schedules.values()]
    .filter((s) => s.pnmOrderId === order.pnmOrderId && s.status === 'scheduled' && s.paymentDate >= today)
    .sort((a, b) => (a.paymentDate < b.paymentDate ? -1 : a.paymentDate > b.paymentDate ? 1 : a.id < b.id ? -1 : 1));
  return { status: 'ok', pnm_order_identifier: order.pnmOrderId, scheduled_payments: upcoming.map(scheduleJson) };
}
