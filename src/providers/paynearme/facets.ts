import type { FacetDeclarations } from '../provider';

export const PAYNEARME_KEY = 'paynearme';

/**
 * What PayNearMe's proxy API offers a 3PPP (docs/provider-documents.md "PayNearMe", paynearme-proxy-api.md):
 * payments against an order it holds, in USD, always as a sale — with a saved token (/make_payment) or a new card
 * saved and charged in one step (/create_payment_method with send_payment); /cancel_payment undoes an approved
 * payment whole, which the gateway records as a full refund (a payment that succeeded is not "cancelled" in the
 * engine's vocabulary, and there is no authorization to void). Orders, fees and native scheduling are facets of
 * their own.
 */
export const PAYNEARME_FACETS = {
  payments: { sale: true, authorize: false, redirect: false, currencies: ['USD'], maxMajorDigits: 9 },
  refunds: { partial: false, multiple: false, validates: false },
  savedMethods: { withPayment: true },
  providerOrders: true,
  fees: true,
  // payment_date is a calendar day (docs/paynearme.md).
  scheduling: { byDay: true },
} as const satisfies FacetDeclarations;
