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
  /** Forget a token at the provider; absent when the provider has no such call (card REST gateway). */
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
