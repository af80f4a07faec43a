/**
 * Facets the next providers need, declared as types only: no engine code calls them yet, and none is built
 * before its feature is. Each cites docs/provider-documents.md for the provider facts it serves; the first
 * provider that needs one adds the engine feature beside it (see docs/adding-a-provider.md).
 */
import type { Money } from '../kernel/money';
import type { CallOptions } from './facets';
import type { FeeOption, ProviderOutcome } from './provider-outcome';

/** An obligation that lives at the provider and is paid against (docs/provider-documents.md "PayNearMe"). */
export interface ProviderOrder {
  providerOrderId: string;
  /** The merchant's own id for it (PayNearMe site_order_identifier). */
  siteOrderId?: string;
  customerId?: string;
  /** A link where the customer pays by themselves (PayNearMe Secure Smart Link). */
  payLink?: string;
  /** The provider's word for the order's state (PayNearMe order_status: open, paid, cancelled). */
  status?: string;
  amount?: Money;
  /** What is still owed; absent when the order takes any amount. */
  amountDue?: Money;
  /** Only from the full lookup (`full: true`), which costs the provider much more. */
  details?: ProviderOrderDetails;
}

/** What PayNearMe's /find_orders returns without return_minimal_info: links, saved methods, payment history. */
export interface ProviderOrderDetails {
  smartLink?: string;
  secureSmartLink?: string;
  savedMethods: ProviderSavedMethod[];
  payments: ProviderOrderPayment[];
}

/** A payment token the provider holds for an order or customer (PayNearMe payment_method_identifier). */
export interface ProviderSavedMethod {
  token: string;
  /** Only an active token can pay. */
  active: boolean;
  /** The provider's method type, e.g. credit_card, debit_card. */
  type: string;
  brand?: string;
  last4?: string;
  /** MM/YYYY as the provider gives it. */
  expiry?: string;
}

/** One entry of an order's payment history at the provider. */
export interface ProviderOrderPayment {
  providerTransactionId: string;
  /** Our reference when we made it (PayNearMe site_payment_identifier). */
  reference?: string;
  /** The saved method it was paid with (PayNearMe payment_method_identifier). */
  token?: string;
  /** When it was made, as the provider writes it (ISO date or date-time). */
  madeAt?: string;
  /** The provider's schedule that made it, when the provider says (PayNearMe's documents show no such field). */
  providerScheduleId?: string;
  outcome: ProviderOutcome;
}

export interface ProviderOrderQuery {
  providerOrderId?: string;
  siteOrderId?: string;
}

/**
 * PayNearMe /find_orders: with return_minimal_info=true it only "validates if an Order exists"; `full` asks for
 * links, tokens and payment history (the expensive call). /find_payment_methods lists the saved methods alone.
 */
export interface ProviderOrdersFacet {
  find(query: ProviderOrderQuery & { full?: boolean }, options?: CallOptions): Promise<ProviderOrder | undefined>;
  savedMethods(query: ProviderOrderQuery, options?: CallOptions): Promise<ProviderSavedMethod[]>;
}

/**
 * Fees the customer pays on top, quoted before paying (docs/provider-documents.md "PayNearMe", /get_fees: per
 * payment-method type and site_channel). Payneteasy's fee choice is not a quote but a pause inside a transfer:
 * it arrives as NextAction fee_selection and is answered through the completion facet.
 */
export interface FeesFacet {
  quote(request: { amount: Money; providerOrderId?: string; siteOrderId?: string; channel?: string }, options?: CallOptions): Promise<FeeOption[]>;
}

/**
 * Card to card (docs/provider-documents.md "Payneteasy": DAPI money transfer; API v2 transfer-by-ref). The
 * outcome may pause with NextAction fee_selection (state TRANSFER_FEE_REQUEST) until the completion facet sends
 * the chosen gate.
 */
export interface TransfersFacet {
  transfer(
    request: { reference: string; amount: Money; source: { token: string }; destination: { token: string }; notificationUrl: string },
    options?: CallOptions,
  ): Promise<ProviderOutcome>;
}
