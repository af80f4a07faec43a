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
import type { Money } from '../domain/money';
import type { CardData, CardSummary } from './card-data';
import type { ProviderHttp } from './http/provider-http';
import type { Secret } from './secret';

export type { CardData, CardSummary } from './card-data';
export type { Secret } from './secret';

export type ProviderKey = string;

/** What a provider can do. The engine refuses the rest with UNSUPPORTED_BY_PROVIDER before calling it. */
export interface ProviderCapabilities {
  /** Authorize and capture in one call. */
  sale: boolean;
  /** Authorize now, capture later. */
  authorizeCapture: boolean;
  partialCapture: boolean;
  /** Several captures against one authorization, up to its amount. */
  multipleCaptures: boolean;
  /** Void / reversal of an authorization that was not captured. */
  void: boolean;
  refunds: boolean;
  partialRefunds: boolean;
  /** More than one refund per transaction (the card REST gateway allows one). */
  multipleRefunds: boolean;
  payouts: boolean;
  /** Saved methods: tokenize a card, pay with the token (recurring / repeat / rebill). */
  savedMethods: boolean;
  /** Tokenize and charge in the same call. */
  tokenizeWithPayment: boolean;
  /** The provider schedules future payments itself (PayNearMe schedule_payment). */
  nativeScheduling: boolean;
  /** The provider quotes fees the customer pays on top (PayNearMe get_fees, Payneteasy transfer rates). */
  fees: boolean;
  /** Card-to-card transfers (Payneteasy). */
  transfers: boolean;
  /** Orders live at the provider and are looked up there (PayNearMe find_orders). */
  providerOrders: boolean;
  /** The customer always completes the payment at the provider (paysafecard auth_url). */
  redirectPayments: boolean;
  /** Card payments may answer with a 3-D Secure redirect. */
  threeDSecure: boolean;
  /** The provider posts signed notifications to POST /callbacks/:provider. */
  callbacks: boolean;
  /** The status of a payment can be asked by our reference (needed to settle OUTCOME_UNKNOWN). */
  statusByReference: boolean;
  /** Currencies the provider accepts; undefined = any ISO 4217 currency. */
  currencies?: readonly string[];
}

/** The customer as the merchant knows them; paysafecard compares these with its own (customer data exchange). */
export interface CustomerData {
  id?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** yyyy-mm-dd */
  birthDate?: string;
  phone?: string;
  ip?: string;
  country?: string;
  address?: { line1?: string; city?: string; postalCode?: string; state?: string; country?: string };
}

/** Where the money comes from. */
export type PaymentSource =
  | { type: 'card'; card: CardData }
  /** A saved method: the provider's token (registration id, card ref, payment_method_identifier). */
  | { type: 'token'; token: string; cvc?: Secret }
  /** The customer pays at the provider's page (wallet, prepaid, bank). */
  | { type: 'redirect' }
  | { type: 'bank_account'; routingNumber: string; accountNumber: Secret; holderName: string };

export interface PayRequest {
  /** Our reference, stored before the call: `status` can find the payment by it after a crash. */
  reference: string;
  amount: Money;
  /** false → authorize only; capture later. */
  capture: boolean;
  source: PaymentSource;
  /** Ask the provider for a reusable token along with this payment (recurring INITIAL / registration). */
  saveMethod?: boolean;
  customer?: CustomerData;
  /** An order that lives at the provider (PayNearMe pnm_order_identifier). */
  providerOrderId?: string;
  description?: string;
  /** Where the customer comes back after a redirect (3-D Secure, wallet). */
  returnUrl: string;
  /** Where the provider posts notifications: {publicUrl}/callbacks/{provider}. */
  notificationUrl: string;
}

/** Operations on an existing payment. `reference` is the new operation's own reference. */
export interface PaymentOperationRequest {
  reference: string;
  /** The original payment. */
  payment: { reference: string; providerTransactionId?: string; amount: Money };
  amount: Money;
}

export interface CaptureRequest extends PaymentOperationRequest {
  /** No further captures will follow (lets multi-capture providers release the rest). */
  final: boolean;
}

export type CancelRequest = PaymentOperationRequest;

export interface RefundRequest extends PaymentOperationRequest {
  reason?: string;
}

export interface PayoutRequest {
  reference: string;
  amount: Money;
  destination: PaymentSource;
  customer?: CustomerData;
  description?: string;
  notificationUrl: string;
}

export interface TokenizeRequest {
  reference: string;
  card: CardData;
  customer?: CustomerData;
  /** Charge in the same step (capability tokenizeWithPayment). */
  charge?: { amount: Money; capture: boolean; returnUrl: string; notificationUrl: string };
}

export type OperationKind = 'payment' | 'capture' | 'cancel' | 'refund' | 'payout';

export interface StatusRequest {
  operation: OperationKind;
  reference: string;
  providerTransactionId?: string;
  /** For capture/cancel/refund: the payment they belong to. */
  payment?: { reference: string; providerTransactionId?: string };
  /** What we sent, for providers whose status query needs it (and to detect mismatches). */
  amount: Money;
}

/** Continue a payment that paused for the customer or for a choice (fee selection, return from 3-D Secure). */
export interface ContinueRequest {
  reference: string;
  providerTransactionId?: string;
  amount: Money;
  /** The chosen fee option (NextAction fee_selection). */
  feeOptionId?: string;
  /** Query/body parameters the customer brought back from the provider's page. */
  returnParams?: Record<string, string>;
}

export interface FeeOption {
  id: string;
  fee: Money;
  label?: string;
}

/** What the customer must do next. */
export type NextAction =
  | { type: 'redirect'; url: string; method: 'GET' | 'POST'; fields?: Record<string, string> }
  /** Nothing for the customer to do; ask again (or wait for the callback) after this long. */
  | { type: 'poll'; afterMs: number }
  | { type: 'fee_selection'; options: FeeOption[] };

/** Facts every outcome may carry. `amount` is what the provider reported, checked against what we sent. */
interface OutcomeFacts {
  providerTransactionId?: string;
  amount?: Money;
  /** The provider's own status/result code and text, kept on the event for support. */
  providerStatus?: string;
  providerMessage?: string;
  /** A reusable method created with this operation (registration / card reference). */
  savedMethod?: { token: string; card?: CardSummary };
  /** Customer data the provider holds (paysafecard customer data exchange). */
  customer?: CustomerData;
  /** Fee the customer paid on top, when the provider reports one. */
  fee?: Money;
}

export type ProviderOutcome =
  | (OutcomeFacts & { status: 'succeeded' })
  | (OutcomeFacts & { status: 'authorized' })
  | (OutcomeFacts & { status: 'requires_action'; action: NextAction })
  | (OutcomeFacts & { status: 'processing' })
  | (OutcomeFacts & { status: 'cancelled' })
  | (OutcomeFacts & { status: 'declined'; code: string; reason: string })
  | (OutcomeFacts & { status: 'failed'; code: string; reason: string })
  /** Only from `status`: the provider has no operation with this reference, so it never happened. */
  | (OutcomeFacts & { status: 'not_found' });

export type ProviderOutcomeStatus = ProviderOutcome['status'];

export interface TokenizeOutcome {
  token: string;
  card: CardSummary;
  /** Present when the request asked to charge in the same step. */
  payment?: ProviderOutcome;
}

export type ProviderErrorKind = 'retryable' | 'indeterminate' | 'final';

export class ProviderError extends Error {
  constructor(
    readonly kind: ProviderErrorKind,
    /** Stable code, e.g. TIMEOUT, HTTP_503, INVALID_CREDENTIALS, or the provider's result code. */
    readonly code: string,
    /** Client-safe: never card data, never credentials. */
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

/** A callback, verified and read. The route stores it once under (provider, eventKey), then applies it. */
export interface ParsedCallback {
  /** Unique per provider event: a redelivery has the same key. */
  eventKey: string;
  type: string;
  operation: OperationKind;
  reference?: string;
  providerTransactionId?: string;
  /**
   * The outcome the callback reports. Absent when the provider's notifications are not signed
   * (paysafecard): the engine then asks `status` instead of trusting the body.
   */
  outcome?: ProviderOutcome;
  /** What is stored in ProviderEvent.payload: no card data, no signatures needed later. */
  payload: Record<string, unknown>;
}

export interface CallbackRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  query: Record<string, string>;
}

export class CallbackVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CallbackVerificationError';
  }
}

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
  create(context: ProviderContext): PaymentProvider;
  callbackHint?(request: CallbackRequest): { reference?: string; providerTransactionId?: string } | undefined;
}
