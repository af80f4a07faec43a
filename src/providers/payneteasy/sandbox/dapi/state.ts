import type { Flow } from './signature';
import type { CardScenario } from './scenarios';

export type DapiState = 'PROCESSING' | 'REDIRECT_REQUEST' | 'TRANSFER_FEE_REQUEST' | 'APPROVED' | 'DECLINED';

/** A merchant as Payneteasy configured it: its endpoint, control key, merchant-server URL and features. */
export interface DapiMerchant {
  endpointId: string;
  controlKey: string;
  /** Where "Check …" and the card-mapping notifications go, e.g. https://proxy.merchantserver.com */
  merchantServerUrl?: string;
  /**
   * Where the merchant server is when no URL was set over HTTP: the embedded gateway's own, read at each call
   * because the gateway listens only after its sandboxes have started.
   */
  merchantServer?: () => string | undefined;
  /** "Consumer defined transfer rates": transfers pause at TRANSFER_FEE_REQUEST for the consumer's gate. */
  consumerDefinedRates?: boolean;
}

/** A card Payneteasy knows by its serverCardId. Never logged; the sandbox keeps only what it needs. */
export interface StoredCard {
  serverCardId: string;
  uniqueReferenceCardId: number;
  bin: string;
  last4: string;
  scenario: CardScenario;
  /** The e-mail of the transaction that created the reference (the e-mail rule of repeat sales/transfers). */
  email?: string;
  destinationOnly: boolean;
}

export interface DapiCardInput {
  /** A new card: its number (kept in memory only to decide the scenario and mint the reference). */
  pan?: string;
  clientCardId?: string;
}

export interface DapiInvoice {
  flow: Flow;
  endpointId: string;
  invoiceId: string;
  token: string;
  accessToken: string;
  nonce: string;
  signature: string;
  serialNumber: string;
  email: string;
  currency: string;
  amountCentis?: number;
  source: DapiCardInput;
  destination?: DapiCardInput;
  sourceCard?: StoredCard;
  destinationCard?: StoredCard;
  state: DapiState;
  redirectUrl?: string;
  bankOrderId?: string;
  orderId?: string;
  errorCode?: number;
  errorMessage?: string;
  secure3DAuthStatus?: 'AUTHENTICATED' | 'NOT_AUTHENTICATED' | 'UNSUPPORTED';
  randomSumAuthStatus?: 'AUTHENTICATED' | 'NOT_AUTHENTICATED';
  randomSumCentis?: number;
  transferFeeList?: { assignedId: string; commissionCentis: number; currency: string }[];
  assignedId?: string;
  commissionCentis?: number;
  /** What the merchant server answered, for tests: the check's and the mapping notification's verdicts. */
  checkVerdict?: string;
  /** The merchant server's check answer as received. */
  checkAnswer?: unknown;
  mappingVerdict?: string;
  createdAt: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

/** Payneteasy's books for the Device API, in memory; `registerDapiSandboxRoutes` serves them. */
export class DapiSandboxState {
  readonly merchants = new Map<string, DapiMerchant>();
  readonly invoices = new Map<string, DapiInvoice>();
  readonly cards = new Map<string, StoredCard>();
  /** Same card number → same uniqueReferenceCardId, whatever its expiry. */
  readonly uniqueIds = new Map<string, number>();
  readonly requests: RecordedRequest[] = [];
  /** Faults a test switches on over HTTP (PUT /__sandbox/dapi/knobs). */
  readonly knobs = { loseNextCompleteAnswer: false };
  /** Background work (checks, notifications) still running: tests and close() may wait for it. */
  readonly inFlight = new Set<Promise<void>>();

  constructor(merchants: readonly DapiMerchant[] = []) {
    for (const m of merchants) this.merchants.set(m.endpointId, { ...m });
  }

  /** The merchant server's base URL for this merchant: the one set over HTTP, else the gateway's. */
  static merchantServerOf(merchant: DapiMerchant): string | undefined {
    return merchant.merchantServerUrl ?? merchant.merchantServer?.()?.replace(/\/+$/, '');
  }

  addMerchant(merchant: DapiMerchant): void {
    this.merchants.set(merchant.endpointId, { ...merchant });
  }

  /** Points every merchant (or one endpoint) at the merchant server, once the gateway listens. */
  setMerchantServerUrl(url: string, endpointId?: string): void {
    for (const m of this.merchants.values()) if (!endpointId || m.endpointId === endpointId) m.merchantServerUrl = url.replace(/\/+$/, '');
  }

  invoiceKey(endpointId: string, invoiceId: string): string {
    return `${endpointId}/${invoiceId}`;
  }

  track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}
