/**
 * The provider contract. Every adapter (cardgateway, paynearme, payneteasy, paysafecard) implements it; the
 * payments engine (src/domain/payments) depends on nothing else of a provider.
 *
 * Rules an adapter follows:
 * - A decline is an outcome (`declined`), never a throw.
 * - Anything else that goes wrong throws ProviderError with a kind: `retryable` (nothing happened at the
 *   provider, e.g. connection refused before the request was sent), `indeterminate` (timeout, 5xx, a body we
 *   cannot read: money may have moved — the engine records OUTCOME_UNKNOWN and asks `status` later),
 *   `final` (the provider refused the request for good: bad credentials, validation error).
 * - Unknown provider statuses map to `processing`, never to success or failure.
 * - Amounts cross this boundary as Money (bigint minor units); the wire format lives in the adapter's mapping.
 */
import type { ProviderCapabilities } from './provider-capabilities';
import type { CallbackRequest, ParsedCallback } from './provider-callbacks';
import type { ProviderHttp } from './http/provider-http';
import type { ProviderOutcome, TokenizeOutcome } from './provider-outcome';
import type {
  CancelRequest,
  CaptureRequest,
  ContinueRequest,
  PayoutRequest,
  PayRequest,
  RefundRequest,
  StatusRequest,
  TokenizeRequest,
} from './provider-requests';

export type { CardData, CardSummary } from './card-data';
export type { Secret } from './secret';
export type { ProviderCapabilities } from './provider-capabilities';
export type { CallbackRequest, ParsedCallback } from './provider-callbacks';
export { CallbackVerificationError, ProviderError, type ProviderErrorKind } from './provider-errors';
export type { FeeOption, NextAction, ProviderOutcome, ProviderOutcomeStatus, TokenizeOutcome } from './provider-outcome';
export type {
  CancelRequest,
  CaptureRequest,
  ContinueRequest,
  CustomerData,
  OperationKind,
  PaymentOperationRequest,
  PaymentSource,
  PayoutRequest,
  PayRequest,
  RefundRequest,
  StatusRequest,
  TokenizeRequest,
} from './provider-requests';

export type ProviderKey = string;

/** A provider adapter bound to one site's credentials, built per request by the registry. */
export interface PaymentProvider {
  readonly key: ProviderKey;
  readonly capabilities: ProviderCapabilities;
  pay(request: PayRequest): Promise<ProviderOutcome>;
  capture(request: CaptureRequest): Promise<ProviderOutcome>;
  cancel(request: CancelRequest): Promise<ProviderOutcome>;
  refund(request: RefundRequest): Promise<ProviderOutcome>;
  payout(request: PayoutRequest): Promise<ProviderOutcome>;
  status(request: StatusRequest): Promise<ProviderOutcome>;
  tokenize?(request: TokenizeRequest): Promise<TokenizeOutcome>;
  /** Removes a saved method at the provider, where it has such a call. */
  removeToken?(token: string): Promise<void>;
  continuePayment?(request: ContinueRequest): Promise<ProviderOutcome>;
  /** Verify (signature/checksum with this site's secret, timestamp window) and read a callback; throws CallbackVerificationError. */
  parseCallback?(request: CallbackRequest): Promise<ParsedCallback>;
}

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
  /** The gateway's public URL, for notification and return URLs. */
  publicUrl: string;
  http: ProviderHttp;
}

/**
 * A provider module as registered: static facts plus a factory. `callbackHint` reads an unverified callback
 * just far enough to find the transaction (and so the site whose secret verifies it).
 */
export interface ProviderModule {
  readonly key: ProviderKey;
  readonly displayName: string;
  readonly capabilities: ProviderCapabilities;
  /**
   * How long after a request was sent a "not found" from its status query still means "not yet" rather than
   * "never received": the longest the provider may take to process a request it took in (its backlog after an
   * outage). Hours, not seconds. Absent → the engine's default.
   */
  readonly notFoundFinalAfterMs?: number;
  create(context: ProviderContext): PaymentProvider;
  callbackHint?(request: CallbackRequest): { reference?: string; providerTransactionId?: string } | undefined;
}
