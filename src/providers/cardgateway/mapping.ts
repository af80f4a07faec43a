import { assertNever } from '../../kernel/assert-never';
import { currencyExponent, isCurrency, type CurrencyCode, type Money } from '../../kernel/money';
import { ProviderError, type OperationKind, type ProviderOutcome } from '../provider';
import { declineReasonCode } from './decline-codes';
import { outcomeKind, resultClass, resultCodeKind, type OutcomeKind } from './status-table';
import type { PaymentReply } from './wire';

export { longStatus, outcomeKind, resultClass, type LongStatus, type OutcomeKind } from './status-table';

/**
 * The platform sends every amount as a decimal string with exactly two decimals ("50.00", never "50" — a
 * checksum over "50" would not match). Currencies with no minor unit go out as "500.00"; three-decimal ones
 * only when the third decimal is 0, otherwise the amount cannot be expressed and nothing is sent.
 */
export function toWireAmount(money: Money): string {
  const exponent = currencyExponent(money.currency);
  if (money.amountMinor < 0n) throw new ProviderError('final', 'INVALID_AMOUNT', 'amounts sent to the card gateway are positive');
  let cents = money.amountMinor;
  if (exponent < 2) cents *= 10n ** BigInt(2 - exponent);
  if (exponent > 2) {
    const divisor = 10n ** BigInt(exponent - 2);
    if (cents % divisor !== 0n) {
      throw new ProviderError('final', 'AMOUNT_NOT_REPRESENTABLE', `the card gateway takes two decimals; ${money.currency} amount has more`);
    }
    cents /= divisor;
  }
  const digits = cents.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** "156.00" USD → 15600n; "500.00" JPY → 500n; "1.23" KWD → 1230n. Anything inexact is refused, never rounded. */
export function fromWireAmount(amount: string, currencyCode: string): Money {
  const match = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match || !isCurrency(currencyCode)) throw new ProviderError('indeterminate', 'BAD_RESPONSE', `unreadable amount "${amount}" ${currencyCode}`);
  const currency: CurrencyCode = currencyCode;
  const cents = BigInt(match[1]! + (match[2] ?? '').padEnd(2, '0'));
  const exponent = currencyExponent(currency);
  if (exponent >= 2) return { amountMinor: cents * 10n ** BigInt(exponent - 2), currency };
  const divisor = 10n ** BigInt(2 - exponent);
  if (cents % divisor !== 0n) throw new ProviderError('indeterminate', 'BAD_RESPONSE', `amount "${amount}" has decimals ${currency} does not have`);
  return { amountMinor: cents / divisor, currency };
}

/** Currencies this gateway can carry exactly: those with at most two decimals. */
export const twoDecimalCurrencies = (codes: readonly string[]) => codes.filter((c) => isCurrency(c) && currencyExponent(c) <= 2);

function facts(reply: PaymentReply, fallbackCurrency: string) {
  const currency = reply.currency ?? fallbackCurrency;
  return {
    providerTransactionId: reply.paymentId,
    amount: reply.amount === undefined ? undefined : fromWireAmount(reply.amount, currency),
    providerStatus: [reply.status, reply.resultCode].filter(Boolean).join(' ') || undefined,
    providerMessage: reply.resultText || reply.remark,
  };
}

/**
 * A payment's answer (DB, PA, PO, with a saved card, or an inquiry of one) → outcome, by the long status table (by the result
 * code when the answer has no status at all).
 * A decline keeps the platform's result code and text, which the customer-facing layer shows as the reason.
 */
export function paymentOutcome(reply: PaymentReply, currency: string): ProviderOutcome {
  const base = facts(reply, currency);
  const kind = paymentKind(reply);
  const code = reply.resultCode;
  const reason = reply.resultText || reply.remark || 'declined';
  switch (kind) {
    case 'succeeded':
    case 'authorized':
    case 'processing':
    case 'cancelled':
      return { ...base, status: kind };
    case 'requires_action':
      return reply.redirect ? { ...base, status: kind, action: { type: 'redirect', ...reply.redirect } } : { ...base, status: 'processing' };
    case 'declined':
    case 'failed':
      return { ...base, status: kind, code, reason, reasonCode: declineReasonCode(code) };
    default:
      return assertNever(kind);
  }
}

function paymentKind(reply: PaymentReply): OutcomeKind {
  if (reply.status === 'authstarted' && reply.redirect) return 'requires_action';
  if (reply.status === undefined && reply.shortStatus === undefined) return resultCodeKind(reply.resultCode);
  return outcomeKind(reply.status, reply.shortStatus);
}

/**
 * CP / RF / RV answers. A refusal (capture above the authorization, a second refund, reversing a captured
 * payment) leaves the payment's status as it was, so the short status of the operation decides: Y (or C
 * for a reversal) done, P pending, N refused with the platform's code and text. Without a short status the
 * result code's family decides.
 */
export function operationOutcome(reply: PaymentReply, operation: Exclude<OperationKind, 'payment' | 'payout'>, currency: string): ProviderOutcome {
  const base = facts(reply, currency);
  const done: ProviderOutcome['status'] = operation === 'cancel' ? 'cancelled' : 'succeeded';
  switch (reply.shortStatus) {
    case 'Y':
    case 'C':
      return { ...base, status: done };
    case 'P':
    case '3D':
      return { ...base, status: 'processing' };
    case undefined:
      if (resultClass(reply.resultCode) === 'success') return { ...base, status: done };
      return { ...base, ...refused(reply) };
    default:
      return { ...base, ...refused(reply) };
  }
}

function refused(reply: PaymentReply) {
  return { status: 'failed' as const, code: reply.resultCode, reason: reply.resultText || 'refused by the card gateway', reasonCode: declineReasonCode(reply.resultCode) };
}

/** The inquiry of the original payment, read for one of its operations: did it happen? */
export function operationStatusFromInquiry(reply: PaymentReply, operation: Exclude<OperationKind, 'payment' | 'payout'>, currency: string): ProviderOutcome {
  const base = facts(reply, currency);
  const captured = reply.capturedAmount !== undefined && fromWireAmount(reply.capturedAmount, reply.currency ?? currency).amountMinor > 0n;
  const refunded = reply.refundedAmount !== undefined && fromWireAmount(reply.refundedAmount, reply.currency ?? currency).amountMinor > 0n;
  switch (operation) {
    case 'capture':
      return captured || ['capturesuccess', 'settled'].includes(reply.status ?? '') ? { ...base, status: 'succeeded' } : { ...base, status: 'not_found' };
    case 'refund':
      if (reply.status === 'markedforreversal') return { ...base, status: 'processing' };
      return refunded || reply.status === 'reversed' ? { ...base, status: 'succeeded' } : { ...base, status: 'not_found' };
    case 'cancel':
      return ['authcancelled', 'cancelled'].includes(reply.status ?? '') ? { ...base, status: 'cancelled' } : reply.status === 'cancelstarted' ? { ...base, status: 'processing' } : { ...base, status: 'not_found' };
    default:
      return assertNever(operation);
  }
}
