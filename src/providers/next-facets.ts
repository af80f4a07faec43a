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

/** How an inbound request proves who sent it; the route refuses anything else before the handler runs. */
export type InboundAuthentication =
  /** The merchant's mobile app: an access token the merchant server issued (docs/provider-documents.md "Payneteasy"). */
  | { kind: 'app-access-token' }
  /** The provider calling the merchant server, checked by the provider's signature over the body. */
  | { kind: 'provider-signature' };

export interface InboundRequest {
  params: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
}

export interface InboundReply {
  status: number;
  body: unknown;
}

/**
 * An HTTP endpoint a provider module mounts under /providers/{key}/…, with its own authentication and its own
 * idempotency scope (a retried "Initiate transfer" must answer with the same invoiceId and nonce). Serves the
 * Payneteasy merchant-server endpoints (docs/provider-documents.md "Payneteasy": "Initiate
 * verification|sale|transfer" called by the mobile SDK; "Check …" and "… card mapping notification" called by
 * Payneteasy).
 */
export interface InboundRoute {
  method: 'GET' | 'POST';
  /** Relative to /providers/{key}, e.g. "/transfer/:invoiceId/check". */
  path: string;
  authentication: InboundAuthentication;
  /** Requests with the same key in this scope get the first answer again. */
  idempotencyScope: string;
  handle(request: InboundRequest, options?: CallOptions): Promise<InboundReply>;
}

export interface InboundRoutesFacet {
  routes: readonly InboundRoute[];
}
