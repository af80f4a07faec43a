/** What the PayNearMe sandbox holds: partners (3PPP) and their client sites, orders, tokens, payments, schedules. */

export interface SandboxPartner {
  /** The 3PPP's site_identifier and the secret of its key pair. */
  siteIdentifier: string;
  secretKey: string;
  /** Client sites (proxy_site_identifier) PayNearMe enabled this partner for. */
  clients: string[];
}

export type MethodType = 'credit_card' | 'debit_card' | 'ach' | 'cash';

export interface SandboxOrder {
  pnmOrderId: string;
  siteOrderId: string;
  /** The client site the order belongs to. */
  proxySite: string;
  kind: 'car_payment' | 'citation' | 'gaming_deposit';
  pnmCustomerId: string;
  siteCustomerId: string;
  customerName: string;
  /** US state of the customer: some states forbid convenience fees (no-fee states). */
  customerState: string;
  /** Cents; for order_type "any" the customer may pay any amount. */
  amountCents: number;
  orderType: 'exact' | 'any';
  status: 'open' | 'paid' | 'cancelled';
  /** Base convenience fee in cents per method type; channels add their own. */
  fees: Record<MethodType, number>;
}

export interface SandboxToken {
  id: string;
  pnmOrderId: string;
  status: 'active' | 'inactive';
  accountType: 'credit' | 'debit';
  brand: string;
  last4: string;
  expiry: string;
  /** The sandbox's test card behind the token: decides approve/decline. */
  cardNumber: string;
}

export interface SandboxPayment {
  pnmPaymentId: string;
  pnmOrderId: string;
  proxySite: string;
  sitePaymentId?: string;
  tokenId: string;
  status: 'approved' | 'rejected' | 'canceled';
  netCents: number;
  feeCents: number;
  accountType: 'credit' | 'debit';
  declineCode?: string;
  declineReason?: string;
  createdAt: string;
  /** The schedule that made it, when PayNearMe ran one (kept for inspection; not in the Payments object). */
  scheduleId?: string;
}

export interface SandboxSchedule {
  id: string;
  pnmOrderId: string;
  proxySite: string;
  tokenId: string;
  paymentDate: string;
  amountCents: number;
  feeCents: number;
  status: 'scheduled' | 'canceled' | 'processed';
  recurring: boolean;
}

export interface RecordedRequest {
  call: string;
  at: string;
  /** The body as received, *_pii values masked. */
  params: Record<string, string>;
  /** HTTP status answered, and the first error text if any. */
  status?: number;
  error?: string;
}

export interface SandboxKnobs {
  /** Seconds added to the sandbox's clock: 301 puts every request's timestamp out of range. */
  clockSkewSeconds: number;
  latencyMs: number;
  /** The next N /schedule_payment calls create the schedule, then lose the answer (connection dropped). */
  loseScheduleAnswers: number;
  /** The next N /schedule_payment calls are dropped before anything is created. */
  dropScheduleRequests: number;
  /** Cents added to the convenience fee charged and reported on payments (not to /get_fees): a price that moved. */
  feeDeltaCents: number;
}

export class SandboxState {
  readonly partners = new Map<string, SandboxPartner>();
  readonly orders = new Map<string, SandboxOrder>();
  readonly tokens = new Map<string, SandboxToken>();
  readonly payments = new Map<string, SandboxPayment>();
  readonly schedules = new Map<string, SandboxSchedule>();
  readonly requests: RecordedRequest[] = [];
  readonly knobs: SandboxKnobs = { clockSkewSeconds: 0, latencyMs: 0, loseScheduleAnswers: 0, dropScheduleRequests: 0, feeDeltaCents: 0 };
  private sequence = 0;

  /** Numeric ids like PayNearMe's (85237034088), unique in this sandbox. */
  nextId(prefix = ''): string {
    this.sequence += 1;
    return `${prefix}${86000000000 + this.sequence}`;
  }

  /** The sandbox's clock in Unix seconds, skewed by the knob. */
  nowSeconds(): number {
    return Math.floor(Date.now() / 1000) + this.knobs.clockSkewSeconds;
  }

  /** Today at PayNearMe (UTC), yyyy-mm-dd. */
  today(): string {
    return new Date(this.nowSeconds() * 1000).toISOString().slice(0, 10);
  }

  findOrder(proxySite: string, by: { pnm?: string; site?: string }): SandboxOrder | undefined {
    for (const order of this.orders.values()) {
      if (order.proxySite !== proxySite) continue;
      if (by.pnm !== undefined && order.pnmOrderId === by.pnm) return order;
      if (by.pnm === undefined && by.site !== undefined && order.siteOrderId === by.site) return order;
    }
    return undefined;
  }

  tokensOf(order: SandboxOrder): SandboxToken[] {
    return [...this.tokens.values()].filter((t) => t.pnmOrderId === order.pnmOrderId);
  }

  paymentsOf(order: SandboxOrder): SandboxPayment[] {
    return [...this.payments.values()].filter((p) => p.pnmOrderId === order.pnmOrderId);
  }
}
