import type { ProviderOutcome } from './provider-outcome';
import type { OperationKind } from './provider-requests';

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

