import { assertNever } from '../../kernel/assert-never';
import { toMinor, type CurrencyCode, type Money } from '../../kernel/money';
import type { ProviderOutcome } from '../provider';
import { declineReasonCode } from './decline-codes';
import type { WirePayment } from './wire';

/** payment_status values (PROTOCOL-NOTES "Payments object"; both spellings of canceled occur). */
type KnownStatus = 'approved' | 'authorized' | 'canceled' | 'cancelled' | 'refunded' | 'rejected' | 'waiting for review';
const KNOWN: readonly string[] = ['approved', 'authorized', 'canceled', 'cancelled', 'refunded', 'rejected', 'waiting for review'];

export const usdMinor = (decimal: string | undefined, currency: CurrencyCode): bigint | undefined => (decimal === undefined ? undefined : toMinor(decimal, currency));

/**
 * A Payments object as the outcome of a payment. payment_amount includes the convenience fee; what we asked
 * for is net_payment_amount, and the difference is the fee the customer paid on top.
 */
export function paymentOutcome(p: WirePayment, currency: CurrencyCode): ProviderOutcome {
  const net = usdMinor(p.net_payment_amount ?? p.payment_amount, currency);
  const gross = usdMinor(p.payment_amount, currency);
  const fee = p.payment_fee_amount !== undefined ? usdMinor(p.payment_fee_amount, currency) : gross !== undefined && net !== undefined ? gross - net : undefined;
  const facts = {
    providerTransactionId: p.pnm_payment_identifier,
    providerStatus: p.payment_status,
    ...(net !== undefined ? { amount: { amountMinor: net, currency } as Money } : {}),
    ...(fee !== undefined ? { fee: { amountMinor: fee, currency } as Money } : {}),
  };
  const status = (KNOWN.includes(p.payment_status) ? p.payment_status : 'unknown') as KnownStatus | 'unknown';
  switch (status) {
    case 'approved':
    case 'refunded':
      return { ...facts, status: 'succeeded' };
    case 'canceled':
    case 'cancelled':
      return { ...facts, status: 'cancelled' };
    case 'rejected': {
      const code = p.decline_code ?? 'rejected';
      return { ...facts, status: 'declined', code, reason: p.decline_reason ?? 'rejected', reasonCode: declineReasonCode(p.decline_code), providerMessage: p.decline_reason };
    }
    // Not final yet, or a status we do not know: never success or failure.
    case 'authorized':
    case 'waiting for review':
    case 'unknown':
      return { ...facts, status: 'processing' };
    default:
      return assertNever(status);
  }
}

/** /cancel_payment answers with the payment: canceled is the cancellation (a refund here) succeeding. */
export function cancellationOutcome(p: WirePayment, currency: CurrencyCode): ProviderOutcome {
  const outcome = paymentOutcome(p, currency);
  if (outcome.status === 'cancelled') return { ...outcome, status: 'succeeded' };
  return { ...outcome, status: 'processing' };
}

/** Stable codes for the document's error conditions; the provider's own text stays the message. */
export function errorCode(description: string): string {
  if (description.startsWith('Unrecognized API Call')) return 'UNRECOGNIZED_API_CALL';
  if (description.startsWith('Order not found')) return 'ORDER_NOT_FOUND';
  if (description.endsWith('is not a supported parameter for this API call')) return 'UNSUPPORTED_PARAMETER';
  if (description.startsWith('Timestamp is out of range')) return 'TIMESTAMP_OUT_OF_RANGE';
  if (description.startsWith('Signature is not correct')) return 'SIGNATURE_NOT_CORRECT';
  if (description.includes('not found')) return 'NOT_FOUND';
  return 'PAYNEARME_REFUSED';
}
