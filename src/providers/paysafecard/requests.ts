import { createHash } from 'node:crypto';
import type { Money } from '../../kernel/money';
import type { PayoutRequest, PayRequest } from '../provider';
import { toWireAmount } from './mapping';
import { PATHS, type WirePaymentRequest, type WirePayoutRequest, type WireRefundRequest } from './wire';

/** A site's paysafecard account: the API key (Basic auth with the key alone), the MID, and optional payment restrictions. */
export interface PaysafecardCredentials {
  apiKey: string;
  /** The merchant id: part of every payment id, so a payment whose answer was lost is found by our reference. */
  mid: string;
  minAge?: number;
  kycLevel?: 'SIMPLE' | 'FULL';
  countryRestriction?: string;
  shopId?: string;
  submerchantId?: string;
}

export interface PreparedRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** JSON text (amounts as two-decimal number literals). */
  body?: string;
  /** Our reference: paysafecard makes it part of the payment's (or payout's) id. */
  correlationId?: string;
  operation: string;
}

/** The amount goes out as the JSON number 10.00, exactly as written: a float would render 10.1 or 1e21. */
const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;
const amountOf = (money: Money) => rawJson(toWireAmount(money));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * customer.id "uniquely identifies the customer … If any personal data e.g. customer's user name, email
 * address, is used here, it has to be encrypted or hashed" (docs/paysafecard.md "Payment request"). Our own
 * customer ids are random UUIDs and go as they are; a merchant's id may be a user name or an e-mail, so it is
 * sent as its SHA-256. Without a customer, the payment's reference stands for one.
 */
export function customerIdFor(id: string | undefined, reference: string): string {
  if (!id) return `guest_${reference}`;
  return UUID.test(id) ? id : createHash('sha256').update(id, 'utf8').digest('hex');
}

/** Adds the document's {payment_id} placeholder to one of our URLs; paysafecard replaces it with the payment id. */
export const withPlaceholder = (url: string, extra = '') => `${url}${url.includes('?') ? '&' : '?'}payment_id={payment_id}${extra}`;

export function payRequest(c: PaysafecardCredentials, r: PayRequest): PreparedRequest {
  const body: WirePaymentRequest = {
    type: 'PAYSAFECARD',
    amount: amountOf(r.amount),
    currency: r.amount.currency,
    redirect: { success_url: withPlaceholder(r.returnUrl), failure_url: withPlaceholder(r.returnUrl, '&result=failure') },
    notification_url: withPlaceholder(r.notificationUrl),
    customer: {
      id: customerIdFor(r.customer?.id, r.reference),
      ...(r.customer?.ip ? { ip: r.customer.ip } : {}),
      ...(c.minAge ? { min_age: c.minAge } : {}),
      ...(c.kycLevel ? { kyc_level: c.kycLevel } : {}),
      ...(c.countryRestriction ? { country_restriction: c.countryRestriction } : {}),
    },
    ...(c.shopId ? { shop_id: c.shopId } : {}),
    ...(c.submerchantId ? { submerchant_id: c.submerchantId } : {}),
  };
  return { method: 'POST', path: PATHS.payments, body: JSON.stringify(body), correlationId: r.reference, operation: 'payments.create' };
}

/** paysafecard's id for one of our references: pay_<MID>_<Correlation-ID>_<currency>. */
export const paymentIdFor = (c: PaysafecardCredentials, reference: string, currency: string) => `pay_${c.mid}_${reference}_${currency}`;
export const payoutIdFor = (c: PaysafecardCredentials, reference: string, currency: string) => `out_${c.mid}_${reference}_${currency}`;

export const retrieveRequest = (id: string): PreparedRequest => ({ method: 'GET', path: PATHS.payment(id), operation: 'payments.retrieve' });
export const captureRequest = (id: string): PreparedRequest => ({ method: 'POST', path: PATHS.capture(id), body: JSON.stringify({ id }), operation: 'payments.capture' });
export const deleteRequest = (id: string): PreparedRequest => ({ method: 'DELETE', path: PATHS.payment(id), operation: 'payments.delete' });

export function refundRequest(paymentId: string, amount: Money, customer: { id: string; email: string }, capture: boolean, comment?: string, refundId?: string): PreparedRequest {
  const body: WireRefundRequest = { type: 'PAYSAFECARD', amount: amountOf(amount), currency: amount.currency, customer, capture, ...(comment ? { comment } : {}) };
  const path = refundId ? PATHS.refundCapture(paymentId, refundId) : PATHS.refunds(paymentId);
  return { method: 'POST', path, body: JSON.stringify(body), operation: refundId ? 'refunds.capture' : capture ? 'refunds.direct' : 'refunds.validate' };
}

/** A payout to the my paysafecard account with this e-mail, names and birth date (PayoutRequest of the document). */
export function payoutRequest(r: PayoutRequest, capture: boolean): PreparedRequest {
  const c = r.customer ?? {};
  const body: WirePayoutRequest = {
    type: 'PAYSAFECARD',
    amount: amountOf(r.amount),
    currency: r.amount.currency,
    customer: { id: customerIdFor(c.id, r.reference), email: c.email ?? '', first_name: c.firstName ?? '', last_name: c.lastName ?? '', date_of_birth: c.birthDate ?? '' },
    capture,
    ...(r.description ? { comment: r.description } : {}),
  };
  return { method: 'POST', path: PATHS.payouts, body: JSON.stringify(body), correlationId: r.reference, operation: capture ? 'payouts.capture' : 'payouts.validate' };
}

export const payoutCaptureRequest = (id: string): PreparedRequest => ({ method: 'POST', path: PATHS.payoutCapture(id), body: JSON.stringify({ id }), operation: 'payouts.capture' });
export const payoutRetrieveRequest = (id: string): PreparedRequest => ({ method: 'GET', path: PATHS.payout(id), operation: 'payouts.retrieve' });
export const payoutLimitsRequest = (currency: string): PreparedRequest => ({ method: 'GET', path: PATHS.payoutLimits(currency), operation: 'payouts.limits' });

/** `Authorization: Basic base64(API key)` — the key alone, no trailing colon (docs/paysafecard.md "Authentication"). */
export const authorizationHeader = (apiKey: string) => `Basic ${Buffer.from(apiKey, 'utf8').toString('base64')}`;
