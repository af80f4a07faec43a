import { assertNever } from '../../kernel/assert-never';
import { currencyExponent, isCurrency, type CurrencyCode, type Money } from '../../kernel/money';
import { DeclineReasonCode, ProviderError, type CustomerData, type ProviderOutcome } from '../provider';
import type { PayoutLimits } from '../facets';
import type { CustomerResponse, PaymentResponse, PayoutLimitsResponse, PayoutResponse, RefundResponse } from './wire';

/** The seven payment statuses (docs/paysafecard.md "Statuses"; CANCELED with one L). */
export const PAYMENT_STATUSES = ['INITIATED', 'REDIRECTED', 'AUTHORIZED', 'SUCCESS', 'CANCELED_MERCHANT', 'CANCELED_CUSTOMER', 'EXPIRED'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** The currencies the adapter sends: paysafecard's, all with two decimals (its amounts have "precision 2"). */
export const PAYSAFECARD_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'PLN', 'CZK', 'RON', 'SEK', 'NOK', 'DKK', 'CAD', 'AUD'] as const;

/** Minor units → the document's two-decimal amount text ("10.00"). */
export function toWireAmount(money: Money): string {
  if (currencyExponent(money.currency) !== 2) throw new ProviderError('final', 'AMOUNT_NOT_REPRESENTABLE', `paysafecard amounts have two decimals; ${money.currency} does not`);
  if (money.amountMinor <= 0n) throw new ProviderError('final', 'INVALID_AMOUNT', 'amounts sent to paysafecard are positive');
  const digits = money.amountMinor.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** The answer's amount (a JSON number such as 10 or 0.01, or the SDK's "10.00") → minor units, never rounded silently. */
export function fromWireAmount(amount: number | string, currencyCode: string): Money {
  const text = typeof amount === 'number' ? amount.toFixed(2) : amount.trim();
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match || !isCurrency(currencyCode) || currencyExponent(currencyCode) !== 2) throw new ProviderError('indeterminate', 'BAD_RESPONSE', `unreadable amount "${text}" ${currencyCode}`);
  if (typeof amount === 'number' && Math.abs(Number(text) - amount) > 1e-9) throw new ProviderError('indeterminate', 'BAD_RESPONSE', `amount ${amount} has more than two decimals`);
  return { amountMinor: BigInt(match[1]! + (match[2] ?? '').padEnd(2, '0')), currency: currencyCode as CurrencyCode };
}

const isPaymentStatus = (s: string): s is PaymentStatus => (PAYMENT_STATUSES as readonly string[]).includes(s);

/** The customer data exchange fields, in the domain's words (first/last name, birth date, e-mail, psc id, created). */
export function customerOf(c: CustomerResponse | undefined): CustomerData | undefined {
  if (!c || c.psc_id === undefined) return undefined;
  return { id: String(c.psc_id), email: c.email, firstName: c.first_name, lastName: c.last_name, birthDate: c.date_of_birth, accountCreated: c.account_created };
}

/** A payment's status as an outcome. Unknown statuses are `processing`, never an end. */
export function paymentOutcome(p: PaymentResponse): ProviderOutcome {
  const facts = { providerTransactionId: p.id, amount: fromWireAmount(p.amount, p.currency), providerStatus: p.status, customer: customerOf(p.customer) };
  if (!isPaymentStatus(p.status)) return { ...facts, status: 'processing' };
  return outcomeFor(p.status, p, facts);
}

function outcomeFor(status: PaymentStatus, p: PaymentResponse, facts: Omit<ProviderOutcome, 'status'>): ProviderOutcome {
  switch (status) {
    case 'INITIATED':
    case 'REDIRECTED':
      return p.redirect?.auth_url ? { ...facts, status: 'requires_action', action: { type: 'redirect', url: p.redirect.auth_url, method: 'GET' } } : { ...facts, status: 'processing' };
    case 'AUTHORIZED':
      return { ...facts, status: 'authorized' };
    case 'SUCCESS':
      return { ...facts, status: 'succeeded' };
    case 'CANCELED_MERCHANT':
      // The merchant's DELETE: in this gateway only the customer data exchange sends it (a mismatch).
      return { ...facts, status: 'declined', code: status, reason: 'declined by the merchant after the customer data comparison', reasonCode: DeclineReasonCode.CUSTOMER_DATA_MISMATCH };
    case 'CANCELED_CUSTOMER':
      return { ...facts, status: 'declined', code: status, reason: 'the customer cancelled at paysafecard', reasonCode: DeclineReasonCode.AUTHENTICATION_FAILED };
    case 'EXPIRED':
      return p.status_before_expiration === 'AUTHORIZED'
        ? { ...facts, status: 'failed', code: status, reason: 'the authorization expired before it was captured', reasonCode: DeclineReasonCode.PROCESSING_ERROR }
        : { ...facts, status: 'declined', code: status, reason: 'the customer did not pay in time', reasonCode: DeclineReasonCode.AUTHENTICATION_FAILED };
    default:
      return assertNever(status);
  }
}

/** A refund or payout: VALIDATION_SUCCESSFUL moves no money (`authorized`: checked, not yet paid), SUCCESS did. */
export function movementOutcome(m: RefundResponse | PayoutResponse): ProviderOutcome {
  const facts = { providerTransactionId: m.id, amount: fromWireAmount(m.amount, m.currency), providerStatus: m.status };
  if (m.status === 'SUCCESS') return { ...facts, status: 'succeeded' };
  if (m.status === 'VALIDATION_SUCCESSFUL') return { ...facts, status: 'authorized' };
  if (m.status === 'FAILED') return { ...facts, status: 'failed', code: m.status, reason: 'paysafecard reports the movement failed', reasonCode: DeclineReasonCode.PROCESSING_ERROR };
  return { ...facts, status: 'processing' };
}

/** PayoutLimitResponse (docs/paysafecard.md "Payout limits") in minor units; a negative balance is allowed. */
export function payoutLimitsOf(l: PayoutLimitsResponse, currency: CurrencyCode): PayoutLimits {
  const amount = (v: number | string) => signedAmount(v, currency);
  return {
    dailyLimit: amount(l.daily_payout_limit),
    dailyPaidOut: amount(l.daily_payout_amount),
    dailyRemaining: amount(l.daily_payout_balance),
    ...(l.total_payment_amount !== undefined ? { totalPayments: amount(l.total_payment_amount) } : {}),
    ...(l.total_payout_amount !== undefined ? { totalPayouts: amount(l.total_payout_amount) } : {}),
  };
}

function signedAmount(v: number | string, currency: CurrencyCode): Money {
  const text = typeof v === 'number' ? v.toFixed(2) : v.trim();
  const negative = text.startsWith('-');
  const read = fromWireAmount(negative ? text.slice(1) : text, currency);
  return negative ? { ...read, amountMinor: -read.amountMinor } : read;
}
