import { asNumber } from './amounts';
import type { SandboxPayment, SandboxPayout, SandboxRefund } from './state';

/**
 * A payment as the REST API answers it (docs/paysafecard.md "Payment response"): customer data (the customer
 * data exchange) once a my paysafecard account paid, card details once authorized.
 */
export function paymentJson(p: SandboxPayment): Record<string, unknown> {
  const paid = p.account !== undefined || p.accountless === true;
  return {
    object: 'PAYMENT',
    id: p.id,
    created: p.created,
    updated: p.updated,
    currency: p.currency,
    amount: asNumber(p.amountCents),
    status: p.status,
    ...(p.statusBeforeExpiration ? { status_before_expiration: p.statusBeforeExpiration } : {}),
    type: 'PAYSAFECARD',
    redirect: { success_url: p.successUrl, failure_url: p.failureUrl, auth_url: p.authUrl },
    notification_url: p.notificationUrl,
    customer: customerJson(p),
    ...(paid && p.serial ? { card_details: [{ serial: p.serial, currency: p.currency, amount: asNumber(p.amountCents), type: '00002', country: 'AT' }] } : {}),
    ...(paid ? { payment_instrument: 'paysafecard', payment_instrument_subtype: p.account ? 'account' : 'pin' } : {}),
    ...(p.refunds.length ? { refunds: p.refunds.map(refundJson) } : {}),
    ...(p.submerchantId ? { submerchant_id: p.submerchantId } : {}),
    ...(p.shopId ? { shop_id: p.shopId } : {}),
  };
}

function customerJson(p: SandboxPayment): Record<string, unknown> {
  const base = { id: p.customer.id, ...(p.customer.ip ? { ip: p.customer.ip } : {}) };
  const a = p.account;
  if (!a) return base;
  return { ...base, email: a.email, psc_id: a.pscId, first_name: a.firstName, last_name: a.lastName, date_of_birth: a.dateOfBirth, account_created: a.accountCreated };
}

export function refundJson(r: SandboxRefund): Record<string, unknown> {
  return { object: 'REFUND', id: r.id, created: r.created, updated: r.updated, currency: r.currency, amount: asNumber(r.amountCents), customer: r.customer, status: r.status };
}

export function payoutJson(p: SandboxPayout): Record<string, unknown> {
  return {
    object: 'PAYOUT',
    id: p.id,
    created: p.created,
    updated: p.updated,
    currency: p.currency,
    amount: asNumber(p.amountCents),
    customer_currency: p.currency,
    customer_amount: asNumber(p.amountCents),
    customer: p.customer,
    status: p.status,
  };
}
