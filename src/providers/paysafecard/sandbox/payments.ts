import { randomBytes } from 'node:crypto';
import { asNumber, parseAmount } from './amounts';
import { ERRORS, errorReply, type ErrorReply } from './errors';
import type { SandboxMerchant, SandboxPayment, SandboxState } from './state';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'PLN', 'CZK', 'RON', 'SEK', 'NOK', 'DKK', 'CAD', 'AUD'];
const MAX_CENTS: Record<string, number> = { EUR: 100_000 };
const CORRELATION = /^[A-Za-z0-9_-]{1,32}$/;

type Body = Record<string, unknown>;
const obj = (v: unknown): Body => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Body) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Replaces the document's {payment_id} placeholder. */
export const withPaymentId = (url: string, id: string) => url.split('{payment_id}').join(id);

/**
 * POST /v1/payments: the payment starts INITIATED with an auth_url to the customer panel. The optional
 * Correlation-ID header becomes part of the id, so the merchant can find a payment whose answer it lost.
 */
export function createPayment(state: SandboxState, merchant: SandboxMerchant, body: Body, correlationId: string | undefined, baseUrl: string): ErrorReply | SandboxPayment {
  if (body.type !== 'PAYSAFECARD') return errorReply(ERRORS.invalidParameter, 'type');
  const cents = parseAmount(body.amount);
  if (cents === undefined) return errorReply(ERRORS.invalidParameter, 'amount');
  if (cents <= 0) return errorReply(ERRORS.amountNotPositive, 'amount');
  const currency = str(body.currency);
  if (!currency || !/^[A-Z]{3}$/.test(currency)) return errorReply(ERRORS.invalidParameter, 'currency');
  if (!CURRENCIES.includes(currency)) return errorReply(ERRORS.currencyNotSupported, 'currency');
  if (cents > (MAX_CENTS[currency] ?? Infinity)) return errorReply(ERRORS.amountAboveMax, 'amount');
  const redirect = obj(body.redirect);
  const customer = obj(body.customer);
  const successUrl = str(redirect.success_url);
  const failureUrl = str(redirect.failure_url);
  if (!successUrl) return errorReply(ERRORS.invalidParameter, 'redirect.success_url');
  if (!failureUrl) return errorReply(ERRORS.invalidParameter, 'redirect.failure_url');
  const customerId = str(customer.id);
  if (!customerId) return errorReply(ERRORS.invalidParameter, 'customer.id');
  const problem = optionalProblem(customer, body);
  if (problem) return errorReply(ERRORS.invalidParameter, problem);
  if (correlationId !== undefined && !CORRELATION.test(correlationId)) return errorReply(ERRORS.invalidParameter, 'Correlation-ID');
  const id = `pay_${merchant.mid}_${correlationId ?? randomBytes(16).toString('hex')}_${currency}`;
  if (state.payments.has(id)) return errorReply(ERRORS.duplicateTransaction);
  const now = Date.now();
  const payment: SandboxPayment = {
    id,
    mid: merchant.mid,
    amountCents: cents,
    currency,
    status: 'INITIATED',
    created: now,
    updated: now,
    successUrl: withPaymentId(successUrl, id),
    failureUrl: withPaymentId(failureUrl, id),
    notificationUrl: str(body.notification_url) && withPaymentId(String(body.notification_url), id),
    customer: { id: customerId, ip: str(customer.ip), minAge: customer.min_age as number | undefined, kycLevel: str(customer.kyc_level), countryRestriction: str(customer.country_restriction) },
    shopId: str(body.shop_id),
    submerchantId: str(body.submerchant_id),
    authUrl: '',
    refunds: [],
    charges: 0,
  };
  payment.authUrl = authUrl(baseUrl, payment);
  state.payments.set(id, payment);
  return payment;
}

function optionalProblem(customer: Body, body: Body): string | undefined {
  if (customer.min_age !== undefined && !(Number.isInteger(customer.min_age) && (customer.min_age as number) > 0)) return 'customer.min_age';
  if (customer.kyc_level !== undefined && !['SIMPLE', 'FULL'].includes(String(customer.kyc_level))) return 'customer.kyc_level';
  if (customer.country_restriction !== undefined && !/^[A-Z]{2}$/.test(String(customer.country_restriction))) return 'customer.country_restriction';
  if (body.submerchant_id !== undefined && !/^[A-Za-z0-9]{1,8}$/.test(String(body.submerchant_id))) return 'submerchant_id';
  return undefined;
}

export function authUrl(baseUrl: string, p: SandboxPayment): string {
  const amount = asNumber(p.amountCents).toFixed(2);
  return `${baseUrl}/psccustomer/GetCustomerPanelServlet?mid=${p.mid}&mtid=${encodeURIComponent(p.id)}&amount=${amount}&currency=${p.currency}`;
}

/** An authorized payment not captured in time, or a customer who never finished, ends EXPIRED (checked on every read). */
export function expireIfDue(state: SandboxState, p: SandboxPayment, now = Date.now()): void {
  const authorizedTooLong = p.status === 'AUTHORIZED' && p.authorizedAt !== undefined && now - p.authorizedAt > state.knobs.authorizationTtlMs;
  const waitedTooLong = (p.status === 'INITIATED' || p.status === 'REDIRECTED') && now - p.created > state.knobs.customerTtlMs;
  if (!authorizedTooLong && !waitedTooLong) return;
  p.statusBeforeExpiration = p.status;
  p.status = 'EXPIRED';
  p.updated = now;
}

export function findPayment(state: SandboxState, merchant: SandboxMerchant, id: string): SandboxPayment | ErrorReply {
  const payment = state.payments.get(id);
  if (!payment || payment.mid !== merchant.mid) return errorReply(ERRORS.paymentNotFound, 'id');
  expireIfDue(state, payment);
  return payment;
}

/** POST /v1/payments/{id}/capture: only an AUTHORIZED payment; anything else is 2017 (already captured included). */
export function capturePayment(state: SandboxState, payment: SandboxPayment): ErrorReply | SandboxPayment {
  if (payment.status !== 'AUTHORIZED') return errorReply(ERRORS.invalidState);
  payment.status = 'SUCCESS';
  payment.updated = Date.now();
  payment.charges += 1;
  return payment;
}

/** DELETE /v1/payments/{id}: the customer-data-exchange decline; the money is released, status CANCELED_MERCHANT. */
export function deletePayment(payment: SandboxPayment): ErrorReply | SandboxPayment {
  if (!['INITIATED', 'REDIRECTED', 'AUTHORIZED'].includes(payment.status)) return errorReply(ERRORS.invalidState);
  payment.status = 'CANCELED_MERCHANT';
  payment.updated = Date.now();
  return payment;
}
