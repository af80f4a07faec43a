import { randomBytes, randomInt } from 'node:crypto';
import { defaultFaults, type FaultKnobs } from './faults';
import { defaultKnobs, type Knobs } from './knobs';

export interface SandboxMerchant {
  partnerId: string;
  memberId: string;
  username: string;
  secureKey: string;
}

/** One transaction at the "platform". Amounts in cents as bigint; `amount` is the string as received. */
export interface SandboxPayment {
  paymentId: string;
  memberId: string;
  merchantTransactionId: string;
  paymentType: 'DB' | 'PA' | 'PO';
  status: string;
  amount: string;
  amountCents: bigint;
  currency: string;
  capturedCents: bigint;
  refundedCents: bigint;
  refundCount: number;
  card: { bin: string; last4Digits: string; brand: string };
  result: { code: string; description: string };
  notificationUrl?: string;
  merchantRedirectUrl?: string;
  registrationId?: string;
  recurringType?: string;
  /** One-time value the ACS page must bring back. */
  acsKey?: string;
  timestamp: string;
}

/** A saved card at the platform (createRegistration / registrations). The vault is the provider's, in memory. */
export interface SandboxRegistration {
  registrationId: string;
  memberId: string;
  pan: string;
  expiryMonth: string;
  expiryYear: string;
  initialPaymentId?: string;
}

export interface RecordedRequest {
  at: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Flattened body with card.number masked to first six / last four and card.cvv replaced. */
  body: Record<string, string>;
}

export interface SentCallback {
  url: string;
  body: Record<string, unknown>;
  httpStatus?: number;
  error?: string;
}

/** Everything the sandbox remembers. Tests read it directly (same process) or through /__sandbox/*. */
export class SandboxState {
  readonly knobs: Knobs = defaultKnobs();
  readonly faults: FaultKnobs = defaultFaults();
  readonly merchants = new Map<string, SandboxMerchant>();
  readonly tokens = new Map<string, { memberId: string; expiresAt: number }>();
  readonly payments = new Map<string, SandboxPayment>();
  readonly registrations = new Map<string, SandboxRegistration>();
  readonly requests: RecordedRequest[] = [];
  readonly callbacks: SentCallback[] = [];
  /** memberId|merchantTransactionId → number of times money was taken or held for it. */
  readonly charges = new Map<string, number>();
  private nextId = randomInt(10_000, 90_000);

  addMerchant(merchant: SandboxMerchant): SandboxMerchant {
    this.merchants.set(merchant.memberId, merchant);
    return merchant;
  }

  merchantByUsername(partnerId: string, username: string): SandboxMerchant | undefined {
    return [...this.merchants.values()].find((m) => m.partnerId === partnerId && m.username === username);
  }

  newPaymentId(): string {
    return String(this.nextId++);
  }

  newRegistrationId(): string {
    return randomBytes(16).toString('hex');
  }

  countCharge(memberId: string, merchantTransactionId: string): void {
    const key = `${memberId}|${merchantTransactionId}`;
    this.charges.set(key, (this.charges.get(key) ?? 0) + 1);
  }

  /** How many times the platform charged (or held) money for this merchantTransactionId, across all members. */
  chargeCount(merchantTransactionId: string): number {
    let total = 0;
    for (const [key, count] of this.charges) if (key.endsWith(`|${merchantTransactionId}`)) total += count;
    return total;
  }

  /** The latest payment a member made under a merchantTransactionId (inquiry by idType=MID). */
  paymentByMid(memberId: string, merchantTransactionId: string): SandboxPayment | undefined {
    const matches = [...this.payments.values()].filter((p) => p.memberId === memberId && p.merchantTransactionId === merchantTransactionId);
    return matches.at(-1);
  }

  requestsTo(pathPart: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(pathPart));
  }

  /** A test that ran first must not leave faults behind for the next one. */
  resetFaults(): void {
    Object.assign(this.knobs, defaultKnobs());
    Object.assign(this.faults, defaultFaults());
  }
}
