/**
 * Facets the next providers need, declared as types only: no engine code calls them yet, and none is built
 * before its feature is. Each cites docs/provider-documents.md for the provider facts it serves; the first
 * provider that needs one adds the engine feature beside it (see docs/adding-a-provider.md).
 */
import type { Money } from '../kernel/money';
import type { CallOptions } from './facets';
import type { FeeOption, ProviderOutcome } from './provider-outcome';
import type { PayRequest } from './provider-requests';

/** An obligation that lives at the provider and is paid against (docs/provider-documents.md "PayNearMe"). */
export interface ProviderOrder {
  providerOrderId: string;
  /** The merchant's own id for it (PayNearMe site_order_identifier). */
  siteOrderId?: string;
  customerId?: string;
  /** A link where the customer pays by themselves (PayNearMe Secure Smart Link). */
  payLink?: string;
}

/** PayNearMe /find_orders with return_minimal_info=true: "validate if an Order exists". */
export interface ProviderOrdersFacet {
  find(query: { providerOrderId?: string; siteOrderId?: string }, options?: CallOptions): Promise<ProviderOrder | undefined>;
}

/**
 * Fees the customer pays on top, quoted before paying (docs/provider-documents.md "PayNearMe", /get_fees: per
 * payment-method type and site_channel). Payneteasy's fee choice is not a quote but a pause inside a transfer:
 * it arrives as NextAction fee_selection and is answered through the completion facet.
 */
export interface FeesFacet {
  quote(request: { amount: Money; providerOrderId?: string; channel?: string }, options?: CallOptions): Promise<FeeOption[]>;
}

export interface ScheduleRequest extends Omit<PayRequest, 'capture' | 'returnUrl'> {
  /** yyyy-mm-dd, the provider's calendar day. */
  paymentDate: string;
}

export interface ScheduledPaymentFacts {
  providerScheduleId: string;
  paymentDate: string;
  amount: Money;
}

/**
 * The provider runs the schedule itself (docs/provider-documents.md "PayNearMe": /schedule_payment,
 * /find_scheduled_payment, /cancel_scheduled_payment; cancel before payment_date, by
 * pnm_scheduled_payment_identifier).
 */
export interface SchedulingFacet {
  schedule(request: ScheduleRequest, options?: CallOptions): Promise<ScheduledPaymentFacts>;
  findNext(query: { providerOrderId: string }, options?: CallOptions): Promise<ScheduledPaymentFacts | undefined>;
  cancel(request: { providerScheduleId: string }, options?: CallOptions): Promise<void>;
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

/**
 * The provider holds data about the customer and the merchant must compare it with its own before keeping
 * the money (docs/provider-documents.md "paysafecard": customer data, comparison; a mismatch is declined with
 * "DELETE /v1/payments/{id}", status CANCELED_MERCHANT). The data itself arrives on the outcome (`customer`).
 */
export interface CustomerDataFacet {
  decline(request: { reference: string; providerTransactionId: string; amount: Money }, options?: CallOptions): Promise<ProviderOutcome>;
}
