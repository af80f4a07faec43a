import type { CurrencyCode, Money } from '../kernel/money';
import type { ProviderOutcome } from './provider-outcome';
import type { OperationKind } from './provider-requests';

/**
 * A callback, verified and read. The inbox stores it once under (provider, eventKey), then acts on it.
 *
 * A callback is a hint. Only what its signature covers is a fact, and money state (authorized, succeeded,
 * refunded, paid out) moves on facts only: unless `signedOutcome` says the signature covers the whole outcome,
 * the engine asks the provider (`status`) about the movement the callback names and applies that answer.
 */
export interface ParsedCallback {
  /**
   * What identifies the event: a redelivery has the same key, another event has another. Built from the signed
   * fields (and at most a bounded set of unsigned ones), so that an early or forged post can't take the key of
   * the genuine notification and have it dropped as a duplicate. Never starts with "unverified:".
   */
  eventKey: string;
  type: string;
  /** Which movement the callback says it is about; a hint unless `signedOutcome`. */
  operation: OperationKind;
  reference?: string;
  providerTransactionId?: string;
  /**
   * The outcome the callback reports. Absent when the provider's notifications carry none we can read; a hint
   * unless `signedOutcome`.
   */
  outcome?: ProviderOutcome;
  /**
   * true only when the signature covers everything the engine would act on: the status, which movement it is
   * about, the amount and the currency. Absent or false: the engine confirms with `status` before any move.
   */
  signedOutcome?: boolean;
  /**
   * The amount the signature covers, read in the movement's own currency (a currency the signature does not
   * cover is not believed). The engine records a difference from what was sent; it never moves money on it.
   */
  readSignedAmount?(currency: CurrencyCode): Money;
  /** What is stored in ProviderEvent.payload: no card data, no signatures needed later. */
  payload: Record<string, unknown>;
}

export interface CallbackRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  query: Record<string, string>;
}
