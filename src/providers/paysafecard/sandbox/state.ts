import { SEEDED_ACCOUNTS, type SandboxAccount } from './accounts';
import { defaultKnobs, type Knobs } from './knobs';

export interface SandboxMerchant {
  apiKey: string;
  /** The merchant id inside every payment id (pay_<mid>_…). */
  mid: string;
}

export type PaymentStatus = 'INITIATED' | 'REDIRECTED' | 'AUTHORIZED' | 'SUCCESS' | 'CANCELED_MERCHANT' | 'CANCELED_CUSTOMER' | 'EXPIRED';

export interface SandboxRefund {
  id: string;
  amountCents: number;
  currency: string;
  customer: { id: string; email: string };
  status: 'VALIDATION_SUCCESSFUL' | 'SUCCESS';
  created: number;
  updated: number;
}

export interface SandboxPayment {
  id: string;
  mid: string;
  amountCents: number;
  currency: string;
  status: PaymentStatus;
  statusBeforeExpiration?: PaymentStatus;
  created: number;
  updated: number;
  authorizedAt?: number;
  successUrl: string;
  failureUrl: string;
  /** The customer panel page where the customer pays. */
  authUrl: string;
  notificationUrl?: string;
  customer: { id: string; ip?: string; minAge?: number; kycLevel?: string; countryRestriction?: string };
  shopId?: string;
  submerchantId?: string;
  /** The my paysafecard account that paid; undefined for an account-less (PIN) payment or before payment. */
  account?: SandboxAccount;
  accountless?: boolean;
  serial?: string;
  refunds: SandboxRefund[];
  /** Times money was taken for this payment (capture). */
  charges: number;
}

export interface SandboxPayout {
  id: string;
  mid: string;
  correlationId?: string;
  amountCents: number;
  currency: string;
  status: 'VALIDATION_SUCCESSFUL' | 'SUCCESS';
  customer: { id: string; email: string };
  account: SandboxAccount;
  created: number;
  updated: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  body: unknown;
}

export interface SentNotification {
  url: string;
  contentType: string;
  body: string;
  status: number | string;
}

export class SandboxState {
  readonly merchants = new Map<string, SandboxMerchant>();
  readonly payments = new Map<string, SandboxPayment>();
  readonly payouts = new Map<string, SandboxPayout>();
  readonly accounts: SandboxAccount[] = SEEDED_ACCOUNTS.map((a) => ({ ...a }));
  readonly requests: RecordedRequest[] = [];
  readonly notifications: SentNotification[] = [];
  readonly knobs: Knobs = defaultKnobs();

  addMerchant(merchant: SandboxMerchant): void {
    this.merchants.set(merchant.apiKey, merchant);
  }

  /** Payouts of the merchant's day in one currency (validated ones count once captured). */
  paidOutToday(mid: string, currency: string): number {
    const start = new Date().setUTCHours(0, 0, 0, 0);
    return [...this.payouts.values()].filter((p) => p.mid === mid && p.currency === currency && p.status === 'SUCCESS' && p.updated >= start).reduce((s, p) => s + p.amountCents, 0);
  }

  paidOutToCustomer(email: string): number {
    return [...this.payouts.values()].filter((p) => p.status === 'SUCCESS' && p.account.email === email).reduce((s, p) => s + p.amountCents, 0);
  }
}
