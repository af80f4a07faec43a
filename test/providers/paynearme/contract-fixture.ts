import { parseCurrency } from '../../../src/kernel/money';
import { payNearMeModule, type PayNearMeSandbox } from '../../../src/providers/paynearme';
import { SEEDED } from '../../../src/providers/paynearme/sandbox/seed';
import type { SandboxPayment } from '../../../src/providers/paynearme/sandbox/state';
import { DeclineReasonCode } from '../../../src/providers/provider';
import type { ContractSpec } from '../contract/contract-spec';

/**
 * PayNearMe's part of the shared contract: payments against the seeded gaming deposit (an order that takes any
 * amount), by card in one step (/create_payment_method with send_payment); its books are the sandbox's payments
 * by site_payment_identifier (our reference). A cancelled payment counts as refunded (the adapter's refunds
 * facet sends /cancel_payment).
 */
export const payNearMeContract: ContractSpec<PayNearMeSandbox> = {
  module: payNearMeModule,
  currency: parseCurrency('USD'),
  providerOrderId: SEEDED.gamingDeposit.pnm,
  cards: {
    approved: '4111111111111111',
    declined: { number: '4000000000009995', reasonCode: DeclineReasonCode.INSUFFICIENT_FUNDS },
    lostAnswer: '4000000000000341',
    slow: '4000000000000077',
  },
  slowMs: 3_000,

  async record(sandbox, reference) {
    const all = (await (await fetch(`${sandbox.baseUrl}/__sandbox/payments`)).json()) as SandboxPayment[];
    const mine = all.filter((p) => p.sitePaymentId === reference && p.status !== 'rejected');
    const charged = mine.reduce((sum, p) => sum + BigInt(p.netCents), 0n);
    return {
      charges: mine.length,
      capturedMinor: charged,
      refundedMinor: mine.filter((p) => p.status === 'canceled').reduce((sum, p) => sum + BigInt(p.netCents), 0n),
    };
  },
};
