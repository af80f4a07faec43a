/**
 * The facets the engine calls today. A capability is the presence of a facet: a provider that cannot refund
 * has no `refunds`, and the engine answers UNSUPPORTED_BY_PROVIDER before it writes anything. Each facet comes
 * in two halves:
 * - its declaration (`*Declaration`), static on the ProviderModule: presence and limits, readable without a
 *   site's credentials (the `providers` query, the engine's checks before it builds an adapter);
 * - the facet itself, on the adapter built for one request: the declaration plus the calls.
 * The registry refuses an adapter whose facets differ from its module's declaration.
 *
 * Every call takes CallOptions: its `signal` aborts at the engine's deadline, so an adapter never sends after
 * the engine has recorded the outcome as unknown.
 */
import type { UserErrorCodeValue } from '../kernel/user-error-code';
import type { CurrencyCode, Money } from '../kernel/money';
import type { CallbackRequest, ParsedCallback } from './provider-callbacks';
import type { ProviderOutcome, TokenizeOutcome } from './provider-outcome';
import type {
  CancelRequest,
  CaptureRequest,
  CompleteRequest,
  RefundCaptureRequest,
  PayoutCaptureRequest,
  PayoutRequest,
  PayRequest,
  RefundRequest,
  StatusRequest,
  TokenizeRequest,
} from './provider-requests';

/** The kinds of source a `pay` request may carry from the client (PaymentSource without saved tokens and redirects). */
export type PaySourceKind = 'card' | 'bank_account';

export interface CallOptions {
  /** Aborted at the engine's deadline for this call: stop, and send nothing more. */
  signal?: AbortSignal;
}

type Call<R, O = ProviderOutcome> = (request: R, options?: CallOptions) => Promise<O>;

export interface CaptureDeclaration {
  /** Capture less than authorized. */
  partial: boolean;
  /** Several captures against one authorization, up to its amount. */
  multiple: boolean;
}

export interface VoidDeclaration {
  /** Release part of an authorization (none of our providers can). */
  partial: boolean;
}

export interface PaymentsDeclaration {
  /** Authorize and capture in one call. */
  sale: boolean;
  /** Authorize now; present `capture` to capture later. */
  authorize: boolean;
  /** The customer always completes the payment at the provider (paysafecard auth_url): no card, no token. */
  redirect: boolean;
  /** Currencies the provider can carry exactly; undefined = any ISO 4217 currency. */
  currencies?: readonly string[];
  /**
   * What `pay` takes the money from, given in the request: a card, a US bank account (ACH eCheck, Payneteasy
   * sale-echeck). undefined = cards only (and saved methods when `savedMethods` is declared).
   */
  sources?: readonly PaySourceKind[];
  /**
   * The most digits before the decimal point the provider's amount format carries and answers with; a larger
   * amount is refused at input (it could be sent but its answer not read back). undefined = no limit.
   */
  maxMajorDigits?: number;
  capture?: CaptureDeclaration;
  void?: VoidDeclaration;
}

export interface PaymentsFacet extends Omit<PaymentsDeclaration, 'capture' | 'void'> {
  pay: Call<PayRequest>;
  /** By our reference or the provider's id: how a lost answer is found again. `not_found` when it never arrived. */
  status: Call<StatusRequest>;
  capture?: CaptureDeclaration & { capture: Call<CaptureRequest> };
  void?: VoidDeclaration & { cancel: Call<CancelRequest> };
}

export interface RefundsDeclaration {
  partial: boolean;
  /** More than one refund per payment (the card REST gateway refunds a payment once). */
  multiple: boolean;
  /**
   * The provider checks a refund before it moves money, and the engine records the check as its own step
   * (docs/provider-documents.md "paysafecard": refunds with capture:false, then capture), as for payouts.
   */
  validates: boolean;
}

export interface RefundsFacet extends RefundsDeclaration {
  /** One call; not used when `validates`. */
  refund: Call<RefundRequest>;
  /** Present exactly when `validates`: moves no money, so it may be asked about or sent again. */
  validate?: Call<RefundRequest>;
  /** The money step of a validated refund, sent at most once; names the refund, carries nothing else. */
  capture?: Call<RefundCaptureRequest>;
}

export interface PayoutsDeclaration {
  /**
   * The provider checks a payout before it moves money, and the engine records the check as its own step
   * (docs/provider-documents.md "paysafecard": POST /payouts with capture:false, then capture).
   */
  validates: boolean;
  currencies?: readonly string[];
  /** As PaymentsDeclaration.maxMajorDigits. */
  maxMajorDigits?: number;
}

/** The merchant's payout limits in one currency, as the provider keeps them (paysafecard GET /payouts/limits/{currency}). */
export interface PayoutLimits {
  dailyLimit: Money;
  dailyPaidOut: Money;
  dailyRemaining: Money;
  /** Payments taken and payouts made in this currency, when the provider reports them. */
  totalPayments?: Money;
  totalPayouts?: Money;
}

export interface PayoutsFacet extends PayoutsDeclaration {
  /**
   * Present exactly when `validates`: a validation moves no money, so a crash after it is safe to repeat. The
   * validated payout is then paid out by `capture`; `payout` (one call) is not used for such a provider.
   */
  validate?: Call<PayoutRequest>;
  capture?: Call<PayoutCaptureRequest>;
  payout: Call<PayoutRequest>;
  /** The merchant's payout limits per currency, when the provider keeps them; absent otherwise. */
  limits?: (currency: CurrencyCode, options?: CallOptions) => Promise<PayoutLimits>;
}

export interface SavedMethodsDeclaration {
  /** Tokenize and charge in one call (card REST gateway createRegistration with a payment). */
  withPayment: boolean;
}

export interface SavedMethodsFacet extends SavedMethodsDeclaration {
  tokenize: Call<TokenizeRequest, TokenizeOutcome>;
  /** Forget a token at the provider; absent when the provider has no such call. */
  remove?: Call<{ token: string }, void>;
}

/**
 * The step after the customer: the return route and the callbacks call it for a payment that waited for a
 * redirect or a choice. The card REST gateway answers with its status inquiry (the browser's parameters are
 * never proof); Payneteasy's "Complete transfer" sends the chosen fee gate (docs/provider-documents.md
 * "Payneteasy"); paysafecard captures an AUTHORIZED payment (docs/provider-documents.md "paysafecard").
 */
export interface CompletionDeclaration {
  /**
   * What completing does at the provider, which decides how often the engine may send it:
   * - `inquiry`: reads the outcome and moves nothing (card REST gateway after 3-D Secure): sent on every return;
   * - `capture`: takes what the customer authorized at the provider (paysafecard), sent once the provider's
   *   status says authorized, at most once — after a crash the engine only asks;
   * - `choice`: sends the customer's choice (Payneteasy's fee gate, CompleteRequest.feeOptionId), at most once.
   */
  kind: 'inquiry' | 'capture' | 'choice';
}

export interface CompletionFacet extends CompletionDeclaration {
  complete: Call<CompleteRequest>;
}

/**
 * Called by the engine (payments/payment-steps.ts) with a completion of kind `capture`. The provider holds data
 * about the customer and the merchant must compare it with its own before keeping the money (docs/provider-documents.md "paysafecard": customer data, comparison; a mismatch is declined with
 * "DELETE /v1/payments/{id}", status CANCELED_MERCHANT). The data itself arrives on the outcome (`customer`).
 */
export interface CustomerDataFacet {
  decline(request: { reference: string; providerTransactionId?: string; amount: Money }, options?: CallOptions): Promise<ProviderOutcome>;
}

export interface CallbackHint {
  reference?: string;
  providerTransactionId?: string;
}

export interface CallbacksDeclaration {
  /** Reads an unverified callback just far enough to find the payment (and so the site whose secret verifies it). */
  hint(request: CallbackRequest): CallbackHint | undefined;
}

export interface CallbacksFacet extends CallbacksDeclaration {
  /** Verifies with this site's secret and reads the callback; throws CallbackVerificationError. */
  parse(request: CallbackRequest): Promise<ParsedCallback>;
}

export interface SchedulingDeclaration {
  /**
   * The provider schedules by calendar day (PayNearMe payment_date, yyyy-mm-dd), not by instant: the engine
   * sends the UTC day of the due time and records the start of that day as the due time.
   */
  byDay: boolean;
}

export interface ScheduleRequest extends Omit<PayRequest, 'capture' | 'returnUrl'> {
  /** yyyy-mm-dd, the provider's calendar day. */
  paymentDate: string;
  /** The provider's channel for pricing (PayNearMe site_channel). */
  channel?: string;
}

export interface ScheduledPaymentFacts {
  providerScheduleId: string;
  /** yyyy-mm-dd */
  paymentDate: string;
  amount: Money;
  /** The fee the provider will add on the day, when it says. */
  fee?: Money;
  /** The provider's word: scheduled, canceled, processed. */
  status?: string;
  token?: string;
}

/**
 * The provider runs the schedule itself (docs/scheduled-payments.md "Native scheduling"; PayNearMe
 * /schedule_payment, /find_scheduled_payment, /cancel_scheduled_payment: cancel before payment_date, by
 * pnm_scheduled_payment_identifier). A provider without this facet has its schedules run by the gateway.
 * `schedule` and `cancel` throw ProviderError (kind `final`, with the provider's text, for a refusal);
 * `findUpcoming` is how the schedule job finds a schedule whose answer was lost (native-recovery.ts).
 */
export interface SchedulingFacet extends SchedulingDeclaration {
  schedule(request: ScheduleRequest, options?: CallOptions): Promise<ScheduledPaymentFacts>;
  findNext(query: { providerOrderId: string }, options?: CallOptions): Promise<ScheduledPaymentFacts | undefined>;
  /** Every upcoming scheduled payment of the order, soonest first (findNext is the first of them). */
  findUpcoming(query: { providerOrderId: string }, options?: CallOptions): Promise<ScheduledPaymentFacts[]>;
  /** Refused by the provider on or after the payment date (ProviderError with the provider's text). */
  cancel(request: { providerScheduleId: string }, options?: CallOptions): Promise<ScheduledPaymentFacts | void>;
}

/**
 * Who sent an inbound request, established by the engine (or the route's own verification) before the handler
 * runs. For the app: the site, the customer and the device its access token was issued for.
 */
export interface InboundCaller {
  siteId: string;
  customerId?: string;
  /** The device the access token is bound to (Payneteasy: consumer.device.serialNumber). */
  deviceId?: string;
  /** The app's access token itself, which some provider signatures cover. */
  accessToken?: string;
}

export interface InboundRequest {
  params: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  /** The body read as JSON; undefined when it is not JSON. */
  body: unknown;
}

export interface InboundReply {
  status: number;
  body: unknown;
}

/** A record a provider keeps about its own inbound conversations (Payneteasy: one DAPI session per invoice). */
export interface ProviderRecord<T> {
  siteId: string;
  data: T;
}

/** The provider's records, kept by the gateway in PostgreSQL; (kind, key) is unique per provider. */
export interface ProviderRecords {
  /** Writes a new record; false (and nothing written) when (kind, key) exists already. */
  create<T>(siteId: string, kind: string, key: string, data: T): Promise<boolean>;
  find<T>(kind: string, key: string): Promise<ProviderRecord<T> | undefined>;
  /**
   * Read-modify-write under the row's lock, so two concurrent calls about one record apply one after the
   * other. `change` returns the new data, or undefined to leave the record as it is. Undefined when absent.
   */
  update<T>(kind: string, key: string, change: (data: T) => T | undefined): Promise<ProviderRecord<T> | undefined>;
  /**
   * A secret a record must keep (Payneteasy: the app's access token, which its status and Complete calls carry),
   * sealed with the gateway's credential cipher (AES-256-GCM) for this site and provider: the record holds only
   * the ciphertext. `open` gives it back; undefined when it does not open (another site, a tampered value).
   */
  seal(siteId: string, secret: string): string;
  open(siteId: string, sealed: string): string | undefined;
}

/** What the gateway stores of a customer and may show to the provider (consumer data of a check answer). */
export interface InboundCustomer {
  email?: string;
  phone?: string;
  /** ISO yyyy-mm-dd. */
  birthDate?: string;
  firstName?: string;
  lastName?: string;
}

export interface SavedCard {
  /** Our payment method id: what the app names the card by (Payneteasy clientCardId). */
  id: string;
  customerId?: string;
  /** The provider's reference (Payneteasy serverCardId). */
  providerToken?: string;
  active: boolean;
}

/** What the engine lends an inbound route: its records, the site's credentials, customers, saved cards, transactions. */
export interface InboundServices {
  records: ProviderRecords;
  /** The site's credentials for this provider, decrypted for this call only; undefined when it has none. */
  credentials(siteId: string): Promise<Record<string, string> | undefined>;
  customer(siteId: string, customerId: string): Promise<InboundCustomer | undefined>;
  savedCards: {
    /** A new saved card (type CARD) of the customer: never a card number, only the provider's reference and BIN. */
    save(siteId: string, card: { customerId?: string; providerToken: string; first6?: string }): Promise<SavedCard>;
    find(siteId: string, id: string): Promise<SavedCard | undefined>;
    /** The customer's active saved cards of this provider, newest first. */
    list(siteId: string, customerId: string): Promise<SavedCard[]>;
  };
  transactions: {
    /**
     * The invoice of a money movement the provider runs with the app directly: a PENDING transaction of this
     * provider under `reference`, which the engine then follows through the payments facet's `status`
     * (reconciler), like any payment whose answer it has not had yet.
     */
    open(siteId: string, t: { reference: string; kind: 'SALE' | 'TRANSFER'; amount: Money; customerId?: string }): Promise<{ id: string }>;
  };
}

/**
 * How an inbound request proves who sent it; the engine refuses anything else before the handler runs.
 * - `app-access-token`: the merchant's mobile app, with an access token the gateway issued bound to one device.
 *   The route says where the token and the device's id are in the body; the engine checks that the token
 *   exists, has not expired, and was issued for that device.
 * - `provider-signature`: the provider calling the merchant server, proven by what it signs or echoes (for
 *   Payneteasy: the session's nonce and signature, which only the merchant server issued). The route verifies
 *   and names the caller's site; undefined refuses the request.
 */
export type InboundAuthentication =
  | { kind: 'app-access-token'; read(body: unknown): { accessToken?: string; deviceId?: string } }
  | { kind: 'provider-signature'; verify(request: InboundRequest, services: InboundServices): Promise<InboundCaller | undefined> };

/** Why the engine refused a request before the handler, for the provider's own error body. */
export type InboundProblem = 'unauthenticated' | 'throttled' | 'malformed' | 'too_large' | 'idempotency_conflict' | 'in_progress' | 'internal';

/**
 * An HTTP endpoint a provider module mounts under /providers/{key}/…, with its own authentication and its own
 * idempotency scope (a retried "Initiate transfer" must answer with the same invoiceId and nonce). Serves the
 * Payneteasy merchant-server endpoints (docs/payneteasy.md "Mobile Device API": "Initiate
 * verification|sale|transfer" called by the app; "Check …" and "… card mapping notification" called by
 * Payneteasy).
 */
export interface InboundRoute {
  method: 'GET' | 'POST';
  /** Relative to /providers/{key}, e.g. "/transfer/:invoiceId/check". */
  path: string;
  authentication: InboundAuthentication;
  /** Requests with the same key in this scope (and for the same caller site) get the first successful answer again. */
  idempotencyScope: string;
  /** The key within the scope; undefined when this request carries none (then it is not deduplicated). */
  idempotencyKey(request: InboundRequest, caller: InboundCaller): string | undefined;
  handle(request: InboundRequest, caller: InboundCaller, services: InboundServices, options?: CallOptions): Promise<InboundReply>;
}

/** A money movement (or card check) the app performs with the provider directly, after the merchant server starts it. */
export type DeviceFlow = 'verification' | 'sale' | 'transfer';

/** "Initiate …" asked through GraphQL by the merchant's server rather than over the inbound route by the app. */
export interface DeviceSessionRequest {
  flow: DeviceFlow;
  currency: string;
  /** Sale and transfer. */
  amount?: Money;
  /** A saved card (our payment method id, the provider's clientCardId) the app will pay from. */
  sourceCardId?: string;
  /** Transfer: a saved card that will receive the money. */
  destinationCardId?: string;
}

/** What the app needs for its direct call to the provider (Payneteasy: endpointId, invoiceId, nonce, signature). */
export interface DeviceSession {
  endpointId: string;
  invoiceId: string;
  nonce: string;
  signature: string;
  expiresAt: string;
}

/** A refusal in the engine's words: `field` names the request field (DeviceSessionRequest) at fault. */
export interface DeviceSessionRefusal {
  code: UserErrorCodeValue;
  message: string;
  field?: keyof DeviceSessionRequest;
}

/** Static: the routes are mounted at start, before any site is known; the caller's site comes from the request. */
export interface InboundRoutesDeclaration {
  /**
   * The same "Initiate …" the app's route does, for the merchant's server through GraphQL: the caller is the app's
   * access token, already verified for the acting site and device. A sale or transfer opens its PENDING transaction.
   */
  startSession?(request: DeviceSessionRequest, caller: InboundCaller, services: InboundServices): Promise<{ session: DeviceSession } | { refusal: DeviceSessionRefusal }>;
  routes: readonly InboundRoute[];
  /** The largest body any of these routes accepts, in bytes. */
  bodyLimitBytes: number;
  /** The provider's own error body for a request the engine refused before its handler. */
  refuse(problem: InboundProblem, request: { params: Record<string, string> }): InboundReply;
}

/** The adapter's facet is its module's declaration: the routes need no site's credentials to exist. */
export type InboundRoutesFacet = InboundRoutesDeclaration;
