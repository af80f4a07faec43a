import type { FacetDeclarations } from '../provider';
import { paysafecardCallbackHint } from './callbacks';
import { PAYSAFECARD_CURRENCIES } from './mapping';

export const PAYSAFECARD_KEY = 'paysafecard';

/**
 * What paysafecard does (docs/paysafecard.md): the customer always pays at paysafecard's panel (auth_url),
 * after which the payment is AUTHORIZED and the merchant captures it (or declines it with DELETE after the
 * customer data comparison); refunds and payouts are validated (capture:false) and then captured; refunds
 * may be partial and several, up to what was paid. Notifications are unsigned.
 */
export const PAYSAFECARD_FACETS = {
  payments: { sale: true, authorize: false, redirect: true, currencies: PAYSAFECARD_CURRENCIES, maxMajorDigits: 9 },
  refunds: { partial: true, multiple: true, validates: true },
  payouts: { validates: true, currencies: PAYSAFECARD_CURRENCIES, maxMajorDigits: 9 },
  completion: { kind: 'capture' },
  customerData: true,
  callbacks: { hint: paysafecardCallbackHint },
} as const satisfies FacetDeclarations;
