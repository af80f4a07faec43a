import { dollars } from './params';
import type { SandboxOrder, SandboxPayment, SandboxSchedule, SandboxState, SandboxToken } from './state';

/** The Payments object (PROTOCOL-NOTES "Endpoints"): payment_amount includes the convenience fee. */
export function paymentJson(p: SandboxPayment) {
  return {
    payment_status: p.status,
    pnm_payment_identifier: p.pnmPaymentId,
    payment_method_identifier: p.tokenId,
    payment_amount: dollars(p.netCents + p.feeCents),
    net_payment_amount: dollars(p.netCents),
    payment_fee_amount: dollars(p.feeCents),
    payment_currency: 'USD',
    payment_type: p.accountType,
    ...(p.sitePaymentId ? { site_payment_identifier: p.sitePaymentId } : {}),
    payment_date: p.createdAt,
    ...(p.declineCode ? { decline_code: p.declineCode, decline_reason: p.declineReason } : {}),
  };
}

export function accountJson(t: SandboxToken) {
  return { payment_method_identifier: t.id, status: t.status, account_type: t.accountType, number: t.last4, expiration_date: t.expiry, card_brand: t.brand };
}

/** Saved methods grouped by type, each with its fee (the create_payment_method example's shape). */
export function paymentMethodsJson(order: SandboxOrder, tokens: SandboxToken[]) {
  return (['credit', 'debit'] as const)
    .map((kind) => ({ type: `${kind}_card`, fee_amount: dollars(order.fees[`${kind}_card`]), accounts: tokens.filter((t) => t.accountType === kind).map(accountJson) }))
    .filter((group) => group.accounts.length > 0);
}

function dueCents(state: SandboxState, order: SandboxOrder): number {
  if (order.orderType === 'any') return 0;
  const paid = state.paymentsOf(order).filter((p) => p.status === 'approved').reduce((sum, p) => sum + p.netCents, 0);
  return Math.max(0, order.amountCents - paid);
}

export function minimalOrderJson(state: SandboxState, order: SandboxOrder) {
  return {
    pnm_order_identifier: order.pnmOrderId,
    site_order_identifier: order.siteOrderId,
    pnm_customer_identifier: order.pnmCustomerId,
    order_status: order.status,
    order_type: order.orderType,
    order_amount: dollars(order.amountCents),
    order_amount_due: dollars(dueCents(state, order)),
    order_currency: 'USD',
  };
}

/** Without return_minimal_info: smart links, the customer, saved methods and the whole payment history. */
export function fullOrderJson(state: SandboxState, order: SandboxOrder) {
  return {
    ...minimalOrderJson(state, order),
    site_customer_identifier: order.siteCustomerId,
    customer_name: order.customerName,
    customer_state: order.customerState,
    smart_link: `https://sandbox.paynearme.example/s/${order.pnmOrderId}`,
    secure_smart_link: `https://sandbox.paynearme.example/ss/${order.pnmOrderId}?t=${order.pnmCustomerId}`,
    electronic_payments: { payments: state.paymentsOf(order).map(paymentJson), payment_methods: paymentMethodsJson(order, state.tokensOf(order)) },
  };
}

export function scheduleJson(s: SandboxSchedule) {
  return {
    pnm_scheduled_payment_identifier: s.id,
    pnm_order_identifier: s.pnmOrderId,
    payment_method_identifier: s.tokenId,
    payment_date: s.paymentDate,
    payment_amount: dollars(s.amountCents + s.feeCents),
    net_payment_amount: dollars(s.amountCents),
    payment_currency: 'USD',
    scheduled_payment_status: s.status,
    recurring: s.recurring,
  };
}

export { dueCents };
