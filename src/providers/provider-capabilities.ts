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
  /**
   * The most digits before the decimal point the provider's amount format carries and answers with; a larger
   * amount is refused at input (it could be sent but its answer not read back). undefined = no limit.
   */
  maxMajorDigits?: number;
}
