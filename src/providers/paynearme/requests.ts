/** Pure builders: the call name and its parameters (strings), before the envelope and signature (client.ts). */
import { toDecimal, type Money } from '../../kernel/money';
import type { CardData } from '../card-data';
import { ProviderError } from '../provider';
import { IDENTIFIER } from './credentials';

export type CallName =
  | 'find_orders'
  | 'get_fees'
  | 'find_payment_methods'
  | 'create_payment_method'
  | 'make_payment'
  | 'cancel_payment'
  | 'schedule_payment'
  | 'find_scheduled_payment'
  | 'cancel_scheduled_payment';

export interface PreparedCall {
  call: CallName;
  params: Record<string, string>;
}

export interface OrderRef {
  providerOrderId?: string;
  siteOrderId?: string;
}

/**
 * The document: signatures fail on "special characters (outside the except list of: . - _)". An identifier
 * with any other character is refused here, before anything is sent, naming the parameter.
 */
export function checkIdentifiers(params: Record<string, string>): void {
  for (const [key, value] of Object.entries(params)) {
    if (key.endsWith('_identifier') && !IDENTIFIER.test(value)) {
      throw new ProviderError('final', 'INVALID_CHARACTERS', `${key} may hold only letters, digits, '.', '-' and '_' (PayNearMe cannot verify a signature over other characters)`);
    }
  }
}

export function orderParams(ref: OrderRef): Record<string, string> {
  if (ref.providerOrderId) return { pnm_order_identifier: ref.providerOrderId };
  if (ref.siteOrderId) return { site_order_identifier: ref.siteOrderId };
  throw new ProviderError('final', 'ORDER_REQUIRED', 'a PayNearMe payment is made against an order: give its PayNearMe or site order id');
}

function usd(amount: Money): Record<string, string> {
  if (amount.currency !== 'USD') throw new ProviderError('final', 'UNSUPPORTED_CURRENCY', 'PayNearMe takes USD only');
  return { payment_amount: toDecimal(amount.amountMinor, amount.currency), payment_currency: 'USD' };
}

const channel = (c: string | undefined): Record<string, string> => (c ? { site_channel: c } : {});

export const findOrders = (ref: OrderRef, full: boolean): PreparedCall => ({
  call: 'find_orders',
  params: { ...orderParams(ref), ...(full ? {} : { return_minimal_info: 'true' }) },
});

export const getFees = (ref: OrderRef, siteChannel?: string): PreparedCall => ({ call: 'get_fees', params: { ...orderParams(ref), ...channel(siteChannel) } });

export const findPaymentMethods = (ref: OrderRef): PreparedCall => ({ call: 'find_payment_methods', params: orderParams(ref) });

export interface CardMethod {
  card: CardData;
  zip?: string;
  /** Pay in the same step. */
  payment?: { amount: Money; sitePaymentId: string; siteChannel?: string };
}

export function createPaymentMethod(ref: OrderRef, m: CardMethod): PreparedCall {
  // 3PPP specifics: "Each transaction requires CVV input when using /create_payment_method".
  if (!m.card.cvc) throw new ProviderError('final', 'CVV_REQUIRED', 'PayNearMe requires the CVV when a partner creates a card payment method');
  const expiry = `${String(m.card.expMonth).padStart(2, '0')}/${m.card.expYear}`;
  const params: Record<string, string> = {
    ...orderParams(ref),
    payment_method_type: 'card',
    payment_method_card_number_pii: m.card.number.reveal(),
    payment_method_card_expiry_pii: expiry,
    payment_method_cvv_pii: m.card.cvc.reveal(),
    ...(m.card.holderName ? { payment_method_billing_name: m.card.holderName } : {}),
    ...(m.zip ? { payment_method_billing_zipcode: m.zip } : {}),
  };
  if (m.payment) Object.assign(params, { send_payment: 'true', site_payment_identifier: m.payment.sitePaymentId, ...usd(m.payment.amount), ...channel(m.payment.siteChannel) });
  return { call: 'create_payment_method', params };
}

export const makePayment = (ref: OrderRef, token: string, amount: Money, sitePaymentId: string, siteChannel?: string): PreparedCall => ({
  call: 'make_payment',
  params: { ...orderParams(ref), payment_method_identifier: token, site_payment_identifier: sitePaymentId, ...usd(amount), ...channel(siteChannel) },
});

export const cancelPayment = (pnmPaymentId: string): PreparedCall => ({ call: 'cancel_payment', params: { pnm_payment_identifier: pnmPaymentId } });

export const schedulePayment = (ref: OrderRef, token: string, amount: Money, paymentDate: string, siteChannel?: string): PreparedCall => ({
  call: 'schedule_payment',
  params: { ...orderParams(ref), payment_method_identifier: token, payment_date: paymentDate, ...usd(amount), ...channel(siteChannel) },
});

export const findScheduledPayment = (ref: OrderRef): PreparedCall => ({ call: 'find_scheduled_payment', params: orderParams(ref) });

export const cancelScheduledPayment = (id: string): PreparedCall => ({ call: 'cancel_scheduled_payment', params: { pnm_scheduled_payment_identifier: id } });
