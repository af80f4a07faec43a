/**
 * The provider contract. Every adapter implements it; the payments engine (src/domain) depends on nothing
 * else of a provider.
 *
 * Rules an adapter follows:
 * - A decline is an outcome (`declined`, with the provider's code and a DeclineReasonCode), never a throw.
 * - Anything else that goes wrong throws ProviderError with a kind: `retryable` (nothing happened at the
 *   provider, e.g. connection refused before the request was sent), `indeterminate` (timeout, 5xx, a body we
 *   cannot read: money may have moved — the engine records OUTCOME_UNKNOWN and asks `status` later),
 *   `final` (the provider refused the request for good: bad credentials, validation error).
 * - Unknown provider statuses map to `processing`, never to success or failure.
 * - Amounts cross this boundary as Money (bigint minor units); the wire format lives in the adapter's mapping.
 * - A capability is a facet (facets.ts): present with its limits, or absent.
 */
import type { CallbacksDeclaration, CallbacksFacet, CompletionDeclaration, CompletionFacet, CustomerDataFacet, InboundRoutesDeclaration, InboundRoutesFacet, PaymentsDeclaration, PaymentsFacet, PayoutsDeclaration, PayoutsFacet, ProviderRecords, RefundsDeclaration, RefundsFacet, SavedMethodsDeclaration, SavedMethodsFacet, SchedulingDeclaration, SchedulingFacet } from './facets';
import type { ProviderHttp } from './http/provider-http';
import type { FeesFacet, ProviderOrdersFacet, TransfersFacet } from './next-facets';

export type { CardData, CardSummary } from './card-data';
export type { Secret } from './secret';
export type { CallbackRequest, ParsedCallback } from './provider-callbacks';
export { CallbackVerificationError, ProviderError, userErrorCodeOf, type ProviderErrorKind } from './provider-errors';
export { DeclineReasonCode } from './decline-codes';
export type { FeeOption, NextAction, ProviderOutcome, ProviderOutcomeStatus, Refusal, RefusalField, TokenizeOutcome } from './provider-outcome';
export type * from './facets';
export type * from './next-facets';
export type {
  CancelRequest,
  CaptureRequest,
  CompleteRequest,
  CustomerData,
  OperationKind,
  PaymentOperationRequest,
  PaymentSource,
  PayoutCaptureRequest,
  PayoutRequest,
  PayRequest,
  RefundCaptureRequest,
  RefundRequest,
  StatusRequest,
  TokenizeRequest,
} from './provider-requests';

export type ProviderKey = string;

/** A provider adapter bound to one site's credentials, built per request by the registry. */
export interface PaymentProvider {
  readonly key: ProviderKey;
  readonly payments: PaymentsFacet;
  readonly refunds?: RefundsFacet;
  readonly payouts?: PayoutsFacet;
  readonly savedMethods?: SavedMethodsFacet;
  readonly completion?: CompletionFacet;
  readonly callbacks?: CallbacksFacet;
  readonly providerOrders?: ProviderOrdersFacet;
  readonly fees?: FeesFacet;
  readonly scheduling?: SchedulingFacet;
  readonly transfers?: TransfersFacet;
  readonly customerData?: CustomerDataFacet;
  readonly inboundRoutes?: InboundRoutesFacet;
}

/** A facet of the type-only kind (next-facets.ts) is declared by its presence alone. */
type Present = true;

/** The static half of every facet: what a provider can do, known without any site's credentials. */
export interface FacetDeclarations {
  payments: PaymentsDeclaration;
  refunds?: RefundsDeclaration;
  payouts?: PayoutsDeclaration;
  savedMethods?: SavedMethodsDeclaration;
  completion?: CompletionDeclaration;
  callbacks?: CallbacksDeclaration;
  providerOrders?: Present;
  fees?: Present;
  scheduling?: SchedulingDeclaration;
  transfers?: Present;
  customerData?: Present;
  inboundRoutes?: InboundRoutesDeclaration;
}

export type FacetName = keyof FacetDeclarations;

export const FACET_NAMES: readonly FacetName[] = ['payments', 'refunds', 'payouts', 'savedMethods', 'completion', 'callbacks', 'providerOrders', 'fees', 'scheduling', 'transfers', 'customerData', 'inboundRoutes'];

/** What an adapter gets when the registry builds it for a request. */
export interface ProviderContext {
  siteId: string;
  /** The acting site's credentials for this provider, decrypted for this request only. */
  credentials: Record<string, string>;
  /**
   * A partner acting for the site, with the partner's own credentials for this provider (PayNearMe proxy:
   * partner site_identifier + proxy_site_identifier = the merchant's).
   */
  partner?: { siteId: string; credentials: Record<string, string> };
  baseUrl: string;
  /**
   * The provider's own records (provider_record), for adapters whose calls need what an inbound route recorded
   * (Payneteasy: the DAPI session's tokens). Present when the gateway runs on its database.
   */
  records?: ProviderRecords;
  /** The gateway's public URL, for notification and return URLs. */
  publicUrl: string;
  http: ProviderHttp;
}

/** The environment variables a provider reads; the catalog validates them at start and names the bad one. */
export interface ProviderConfig {
  /** The provider's host in production, e.g. <KEY>_BASE_URL. Without it (and without sandboxes) the provider is off. */
  baseUrlVariable: string;
  /** Shown when the variable is not a URL: what the value looks like. */
  baseUrlExample: string;
  /** The provider's own rule for a configured URL (not a sandbox it starts): what is wrong with it, or undefined. */
  checkBaseUrl?(url: URL): string | undefined;
}

/** A provider's sandbox as the catalog starts it: its loopback URL and how to stop it; the rest is the provider's own. */
export interface ProviderSandbox {
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * A provider as registered: its key, its facet declarations, a factory per request, and what it brings to the
 * gateway beside payments — configuration, demo credentials, a sandbox. Exported by the provider folder's
 * index.ts; one line in src/providers/catalog.ts registers it.
 */
export interface ProviderModule<Key extends string = string, Sandbox extends ProviderSandbox = ProviderSandbox> {
  readonly key: Key;
  readonly displayName: string;
  readonly facets: FacetDeclarations;
  readonly config: ProviderConfig;
  /**
   * How long after a request was sent a "not found" from its status query still means "not yet" rather than
   * "never received": the longest the provider may take to process a request it took in (its backlog after an
   * outage). Hours, not seconds. Absent → the engine's default.
   */
  readonly notFoundFinalAfterMs?: number;
  /** Credentials the sandbox accepts; the embedded default gives them to its demo site. */
  readonly demo: { credentials: Record<string, string> };
  /**
   * Starts the sandbox on loopback; with credentials, it accepts those instead of the demo ones. `gatewayUrl`
   * is the gateway's public URL for a sandbox that calls the gateway's own endpoints (Payneteasy's Check),
   * read at each call: the gateway listens only after its sandboxes have started.
   */
  startSandbox(options?: { credentials?: Record<string, string>[]; gatewayUrl?: () => string }): Promise<Sandbox>;
  create(context: ProviderContext): PaymentProvider;
}
