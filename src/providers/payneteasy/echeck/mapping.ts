import { assertNever } from '../../../kernel/assert-never';
import { MoneyParseError, toMinor, type CurrencyCode } from '../../../kernel/money';
import { ProviderError, type ProviderOutcome } from '../../provider';
import { echeckDeclineReason } from './decline-codes';
import type { V2Response } from './wire';

/** The v2 transaction statuses (PROTOCOL-NOTES.md §4); anything else is read as processing. */
export type V2Status = 'approved' | 'declined' | 'filtered' | 'error' | 'processing';

export function v2Status(raw: string | undefined): V2Status {
  const status = (raw ?? '').toLowerCase();
  return status === 'approved' || status === 'declined' || status === 'filtered' || status === 'error' ? status : 'processing';
}

/** validation-error and error answers refuse the request itself: nothing was processed, for good. */
export function throwIfRefused(r: V2Response): void {
  if (r.type !== 'validation-error' && r.type !== 'error') return;
  throw new ProviderError('final', r['error-code'] ? `PAYNETEASY_${r['error-code']}` : 'PAYNETEASY_ERROR', `Payneteasy refused the request: ${r['error-message'] ?? r.type}`);
}

/** An amount field of the answer in our currency; undefined when absent or in another currency. */
function reportedAmount(r: V2Response, currency: CurrencyCode, amount: string | undefined) {
  if (!amount) return undefined;
  try {
    if (r.currency && r.currency !== currency) return undefined;
    return { amountMinor: toMinor(amount, currency), currency };
  } catch (error) {
    if (error instanceof MoneyParseError) throw new ProviderError('indeterminate', 'BAD_RESPONSE', 'Payneteasy answered with an amount we cannot read');
    throw error;
  }
}

/** A status-response (or a callback read as one) → the outcome of the sale. */
export function saleOutcome(r: V2Response, currency: CurrencyCode): ProviderOutcome {
  const facts = {
    providerTransactionId: r['paynet-order-id'],
    amount: reportedAmount(r, currency, r.amount),
    providerStatus: r.status,
    providerMessage: r['error-message'],
    reversed: reportedAmount(r, currency, r['returned-amount']),
  };
  const status = v2Status(r.status);
  switch (status) {
    case 'approved':
      return { ...facts, status: 'succeeded' };
    case 'processing':
      return { ...facts, status: 'processing' };
    case 'declined':
    case 'filtered':
      return { ...facts, status: 'declined', code: r['error-code'] ?? status, reason: r['error-message'] ?? status, reasonCode: echeckDeclineReason(status, r['error-code']) };
    case 'error':
      return { ...facts, status: 'failed', code: r['error-code'] ?? status, reason: r['error-message'] ?? status, reasonCode: echeckDeclineReason(status, r['error-code']) };
    default:
      return assertNever(status);
  }
}

/** The sale-echeck answer: async-response means taken in, processing; the status command tells the rest. */
export function saleAnswer(r: V2Response, currency: CurrencyCode): ProviderOutcome {
  throwIfRefused(r);
  if (r.type !== 'async-response') throw new ProviderError('indeterminate', 'BAD_RESPONSE', `Payneteasy answered sale-echeck with type ${r.type}`);
  return saleOutcome({ ...r, status: r.status ?? 'processing' }, currency);
}
