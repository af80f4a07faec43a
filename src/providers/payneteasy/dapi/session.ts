import type { Flow } from './wire';

/** How long an initiated session may be checked: as long as the app's access token lives (30 minutes). */
export const SESSION_TTL_MS = 30 * 60_000;

export const RECORD = { session: 'dapi-session', token: 'dapi-token', card: 'dapi-card' } as const;

/**
 * One DAPI session as the merchant server recorded it at "Initiate …" (provider_record kind dapi-session, key
 * invoiceId), completed by the check (Payneteasy's session token, the card references it resolved) and by the
 * card-mapping notification (the cards it saved).
 */
export interface DapiSession {
  flow: Flow;
  invoiceId: string;
  endpointId: string;
  nonce: string;
  signature: string;
  /**
   * The app's token the signature covers, which the status and Complete transfer requests carry too: sealed
   * (ProviderRecords.seal), never kept in plain text.
   */
  accessTokenSealed: string;
  serialNumber: string;
  customerId?: string;
  currency: string;
  /** Sale and transfer: integer centis as a decimal string. */
  amountCentis?: string;
  expiresAt: string;
  /** Payneteasy's session token, from the (first successful) check. */
  token?: string;
  checked?: CheckedReferences;
  /** Saved cards the merchant's server named when it started the session: the check accepts no other reference. */
  startedWith?: { source?: string; destination?: string };
  /** Saved card ids (clientCardId) created by this session's mapping notification. */
  mapped?: { source?: string; destination?: string };
}

export interface CheckedReferences {
  email?: string;
  sourceClientCardId?: string;
  sourceServerCardId?: string;
  destinationClientCardId?: string;
  destinationServerCardId?: string;
}

/** What the gateway keeps beside a saved card (kind dapi-card, key = clientCardId = our payment method id). */
export interface CardFacts {
  serverCardId: string;
  uniqueReferenceCardId?: string;
  /** The e-mail the card was mapped with: a later use of the reference must carry the same (the e-mail rule). */
  email?: string;
  /** A destination card of a transfer may only receive money again ("…can be used only as destination"). */
  destinationOnly: boolean;
  bin?: string;
}
