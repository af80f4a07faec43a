import type { Money } from '../kernel/money';
import type { CardSummary } from './card-data';
import type { DeclineReasonCode } from './decline-codes';
import type { CustomerData } from './provider-requests';

export interface FeeOption {
  id: string;
  fee: Money;
  label?: string;
  /** What the fee applies to, when the provider prices per method and channel (PayNearMe /get_fees). */
  methodType?: string;
  channel?: string;
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
  /**
   * From `status` only: the total the provider took back after the payment succeeded without the merchant
   * asking (ACH returns, chargebacks — Payneteasy notify_url). The engine records what exceeds the refunded
   * amount as a refund the provider made.
   */
  reversed?: Money;
}

/**
 * The part of a refund's or payout's request a provider's refusal concerns: the amount, its currency, the
 * customer (the payee; for a refund, the account that paid), the payment being refunded, the merchant's own
 * standing at the provider, or the request as a whole. The mutation turns it into the userError's field.
 */
export type RefusalField = 'amount' | 'currency' | 'customer' | 'payment' | 'merchant' | 'request';

/** A refusal: the provider's own code and text, and what they mean in the provider-neutral vocabulary. */
export interface Refusal {
  code: string;
  reason: string;
  reasonCode: DeclineReasonCode;
  /** What the refusal concerns, when the provider says (paysafecard's refund and payout error numbers). */
  field?: RefusalField;
}

export type ProviderOutcome =
  | (OutcomeFacts & { status: 'succeeded' })
  | (OutcomeFacts & { status: 'authorized' })
  | (OutcomeFacts & { status: 'requires_action'; action: NextAction })
  | (OutcomeFacts & { status: 'processing' })
  | (OutcomeFacts & { status: 'cancelled' })
  | (OutcomeFacts & { status: 'declined' } & Refusal)
  | (OutcomeFacts & { status: 'failed' } & Refusal)
  /** Only from `status`: the provider has no operation with this reference, so it never happened. */
  | (OutcomeFacts & { status: 'not_found' });

export type ProviderOutcomeStatus = ProviderOutcome['status'];

export interface TokenizeOutcome {
  token: string;
  card: CardSummary;
  /** Present when the request asked to charge in the same step. */
  payment?: ProviderOutcome;
}
