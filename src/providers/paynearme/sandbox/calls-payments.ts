import { orderOf } from './calls-orders';
import { feeCents } from './fees';
import { cents, channelOf, Refused, type Caller } from './params';
import { accountJson, dueCents, paymentJson, paymentMethodsJson } from './render';
import { brandOf, scenarioOf, type CardScenario } from './scenarios';
import type { SandboxOrder, SandboxPayment, SandboxState, SandboxToken } from './state';

/** How the server delivers a processed call: at once, after a delay, or not at all (connection dropped). */
export interface Delivery {
  body: unknown;
  delayMs?: number;
  dropAnswer?: boolean;
}

function checkPayable(state: SandboxState, order: SandboxOrder, body: Record<string, string>): number {
  if (order.status !== 'open') throw new Refused(`Order is ${order.status} and does not accept payments`);
  if (body.payment_currency !== 'USD') throw new Refused('payment_currency must be USD');
  const amount = cents(body.payment_amount, 'payment_amount');
  const due = dueCents(state, order);
  if (order.orderType === 'exact' && amount > due) throw new Refused(`payment_amount is more than the amount due on the order`);
  return amount;
}

function checkToken(state: SandboxState, order: SandboxOrder, id: string | undefined): SandboxToken {
  const token = id ? state.tokens.get(id) : undefined;
  if (!token || token.pnmOrderId !== order.pnmOrderId) throw new Refused('Payment method not found for given payment_method_identifier');
  if (token.status !== 'active') throw new Refused('Payment method is not active');
  return token;
}

/** Charges a token: approved or rejected by its test card, the fee by its type and the channel. */
function charge(state: SandboxState, caller: Caller, order: SandboxOrder, token: SandboxToken, amountCents: number, body: Record<string, string>): { payment: SandboxPayment; scenario: CardScenario } {
  const sitePaymentId = body.site_payment_identifier;
  if (sitePaymentId && [...state.payments.values()].some((p) => p.proxySite === caller.proxySite && p.sitePaymentId === sitePaymentId)) {
    throw new Refused('site_payment_identifier has already been used');
  }
  const scenario = scenarioOf(token.cardNumber);
  const approved = scenario.outcome === 'approve';
  const payment: SandboxPayment = {
    pnmPaymentId: state.nextId(),
    pnmOrderId: order.pnmOrderId,
    proxySite: caller.proxySite,
    sitePaymentId,
    tokenId: token.id,
    status: approved ? 'approved' : 'rejected',
    netCents: amountCents,
    feeCents: feeCents(order, `${token.accountType}_card`, channelOf(body.site_channel)) + state.knobs.feeDeltaCents,
    accountType: token.accountType,
    declineCode: approved ? undefined : scenario.declineCode,
    declineReason: approved ? undefined : scenario.declineReason,
    createdAt: new Date(state.nowSeconds() * 1000).toISOString(),
  };
  state.payments.set(payment.pnmPaymentId, payment);
  if (approved && order.orderType === 'exact' && dueCents(state, order) === 0) order.status = 'paid';
  return { payment, scenario };
}

const delivered = (body: unknown, scenario: CardScenario): Delivery => ({ body, delayMs: scenario.delayMs, dropAnswer: scenario.loseAnswer });

export function makePayment(state: SandboxState, caller: Caller, body: Record<string, string>): Delivery {
  const order = orderOf(state, caller, body);
  const amount = checkPayable(state, order, body);
  const token = checkToken(state, order, body.payment_method_identifier);
  const { payment, scenario } = charge(state, caller, order, token, amount, body);
  return delivered({ status: 'ok', payment: paymentJson(payment) }, scenario);
}

function cardToken(state: SandboxState, order: SandboxOrder, body: Record<string, string>): SandboxToken {
  if (body.payment_method_type !== 'card') throw new Refused('payment_method_type must be card');
  const number = body.payment_method_card_number_pii ?? '';
  if (!/^\d{12,19}$/.test(number)) throw new Refused('payment_method_card_number_pii is not a valid card number');
  const expiry = /^(0[1-9]|1[0-2])\/(\d{4})$/.exec(body.payment_method_card_expiry_pii ?? '');
  if (!expiry) throw new Refused('payment_method_card_expiry_pii must be MM/YYYY');
  if (!/^\d{3,4}$/.test(body.payment_method_cvv_pii ?? '')) throw new Refused('payment_method_cvv_pii must be 3 or 4 digits');
  const today = state.today();
  if (`${expiry[2]}-${expiry[1]}` < today.slice(0, 7)) throw new Refused('The card is expired');
  const token: SandboxToken = {
    id: `pm_${state.nextId()}`,
    pnmOrderId: order.pnmOrderId,
    status: 'active',
    accountType: scenarioOf(number).accountType,
    brand: brandOf(number),
    last4: number.slice(-4),
    expiry: body.payment_method_card_expiry_pii!,
    cardNumber: number,
  };
  state.tokens.set(token.id, token);
  return token;
}

/** A new card token, and with send_payment=true a payment with it in the same step. */
export function createPaymentMethod(state: SandboxState, caller: Caller, body: Record<string, string>): Delivery {
  const order = orderOf(state, caller, body);
  const pay = body.send_payment === 'true';
  const amount = pay ? checkPayable(state, order, body) : 0;
  if (!pay && body.payment_amount) throw new Refused('payment_amount is sent only with send_payment=true');
  const token = cardToken(state, order, body);
  const made = pay ? charge(state, caller, order, token, amount, body) : undefined;
  const answer = {
    status: 'ok',
    payment_method: accountJson(token),
    order: {
      pnm_order_identifier: order.pnmOrderId,
      site_order_identifier: order.siteOrderId,
      order_status: order.status,
      electronic_payments: { payments: made ? [paymentJson(made.payment)] : [], payment_methods: paymentMethodsJson(order, state.tokensOf(order)) },
    },
  };
  return made ? delivered(answer, made.scenario) : { body: answer };
}

export function cancelPayment(state: SandboxState, caller: Caller, body: Record<string, string>): Delivery {
  const payment = state.payments.get(body.pnm_payment_identifier ?? '');
  if (!payment || payment.proxySite !== caller.proxySite) throw new Refused('Payment not found for given pnm_payment_identifier');
  if (payment.status === 'canceled') throw new Refused('Payment has already been canceled');
  if (payment.status !== 'approved') throw new Refused('Only an approved payment can be canceled');
  payment.status = 'canceled';
  const order = state.orders.get(payment.pnmOrderId);
  if (order?.status === 'paid') order.status = 'open';
  return { body: { status: 'ok', payment: paymentJson(payment) } };
}
