import { CURRENCY_CODES } from '../../kernel/money';
import type { FacetDeclarations } from '../provider';
import { cardGatewayCallbackHint } from './callbacks';
import { twoDecimalCurrencies } from './mapping';

export const CARDGATEWAY_KEY = 'cardgateway';

const currencies = twoDecimalCurrencies(CURRENCY_CODES);

/**
 * What the platform does (docs/cardgateway.md "Payment model"): debit (DB) or preauthorization
 * (PA); one capture per preauthorization, for its amount or less; reversal (RV) of an uncaptured
 * authorization, whole only; one refund per transaction ("not possible to refund the same transaction more
 * than once"), up to the captured amount; payouts (PO) without a validation step; registrations, alone or with
 * a payment, deleted with paymentType DL. The customer's return from 3-D Secure completes by status inquiry.
 */
export const CARDGATEWAY_FACETS = {
  payments: { sale: true, authorize: true, redirect: false, currencies, maxMajorDigits: 12, capture: { partial: true, multiple: false }, void: { partial: false } },
  refunds: { partial: true, multiple: false, validates: false },
  payouts: { validates: false, currencies, maxMajorDigits: 12 },
  savedMethods: { withPayment: true },
  completion: { kind: 'inquiry' },
  callbacks: { hint: cardGatewayCallbackHint },
} as const satisfies FacetDeclarations;
