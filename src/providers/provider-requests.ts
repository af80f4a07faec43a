/** What the engine asks a provider to do. Amounts are Money (bigint minor units); the wire format lives in each adapter. */
import type { Money } from '../kernel/money';
import type { CardData } from './card-data';
import type { Secret } from './secret';

/** The customer as the merchant knows them; paysafecard compares these with its own (customer data exchange). */
export interface CustomerData {
  id?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** yyyy-mm-dd */
  birthDate?: string;
  /** When the customer's account at the provider was created (paysafecard customer data exchange, as sent). */
  accountCreated?: string;
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
  /**
   * A US bank account (ACH eCheck, Payneteasy sale-echeck): 9-digit ABA routing number, the account number as
   * a Secret (it reaches the provider and nowhere else; only its last four are kept), optional check number and
   * check date (yyyy-mm-dd).
   */
  | { type: 'bank_account'; routingNumber: string; accountNumber: Secret; holderName?: string; checkNumber?: string; checkDate?: string };

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
  /** The fee option the customer chose from the provider's quote (FeesFacet; PayNearMe "<method type>@<channel>"). */
  feeOptionId?: string;
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

/**
 * The second step of a validated payout: pay out what the validation accepted. It names the payout (our
 * reference, the provider's id from the validation) and carries no destination, so the engine can send it
 * after a restart without the card, which it never stores.
 */
export interface PayoutCaptureRequest {
  reference: string;
  providerTransactionId?: string;
  amount: Money;
}

/** The second step of a validated refund (RefundsFacet.capture): names the refund and its payment, nothing more. */
export interface RefundCaptureRequest {
  reference: string;
  providerTransactionId?: string;
  payment: { reference: string; providerTransactionId?: string };
  amount: Money;
}

export interface TokenizeRequest {
  reference: string;
  card: CardData;
  /** The provider's order the method is saved for (PayNearMe /create_payment_method). */
  providerOrderId?: string;
  customer?: CustomerData;
  /** Charge in the same call (SavedMethodsFacet.withPayment); otherwise the engine charges the new token as its own step. */
  charge?: { amount: Money; capture: boolean; returnUrl: string; notificationUrl: string };
}

export type OperationKind = 'payment' | 'capture' | 'cancel' | 'refund' | 'payout';

export interface StatusRequest {
  operation: OperationKind;
  /** The provider's order the payment was made against (PayNearMe finds payments through the order's history). */
  providerOrderId?: string;
  reference: string;
  providerTransactionId?: string;
  /** For capture/cancel/refund: the payment they belong to. */
  payment?: { reference: string; providerTransactionId?: string };
  /** What we sent, for providers whose status query needs it (and to detect mismatches). */
  amount: Money;
}

/**
 * Finish a payment that paused for the customer: back from a redirect (3-D Secure, the provider's page), or
 * with the customer's choice (a fee option of NextAction fee_selection).
 */
export interface CompleteRequest {
  reference: string;
  providerTransactionId?: string;
  amount: Money;
  /** The chosen fee option (NextAction fee_selection). */
  feeOptionId?: string;
  /** Query/body parameters the customer brought back from the provider's page: a hint, never proof. */
  returnParams?: Record<string, string>;
}
