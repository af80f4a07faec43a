import { parseCurrency } from '../../../src/kernel/money';
import { cardGatewayModule } from '../../../src/providers/cardgateway';
import { callbackBody } from '../../../src/providers/cardgateway/sandbox/notify';
import type { PaymentRecord } from '../../../src/providers/cardgateway/sandbox/records';
import type { CardGatewaySandbox } from '../../../src/providers/cardgateway/sandbox/server';
import { DeclineReasonCode } from '../../../src/providers/provider';
import type { ContractSpec, Notification } from '../contract/contract-spec';

const json = (body: Record<string, unknown>): Notification => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The card REST gateway's part of the shared contract: its test cards (sandbox/scenarios.ts) and its books. */
export const cardGatewayContract: ContractSpec<CardGatewaySandbox> = {
  module: cardGatewayModule,
  currency: parseCurrency('EUR'),
  cards: {
    approved: '4111111111111111',
    declined: { number: '4000000000009995', reasonCode: DeclineReasonCode.INSUFFICIENT_FUNDS },
    lostAnswer: '4000000000000341',
    slow: '4000000000000077',
    customerAction: '4000000000003220',
  },
  slowMs: 3_000,

  async record(sandbox, reference) {
    const all = (await (await fetch(`${sandbox.baseUrl}/__sandbox/payments`)).json()) as PaymentRecord[];
    const mine = all.filter((p) => p.merchantTransactionId === reference);
    return {
      charges: Math.max(0, ...mine.map((p) => p.charges)),
      capturedMinor: mine.reduce((sum, p) => sum + BigInt(p.capturedCents), 0n),
      refundedMinor: mine.reduce((sum, p) => sum + BigInt(p.refundedCents), 0n),
    };
  },

  /** What sandbox/notify.ts posts for the payment's current status, signed with its merchant's secure key. */
  async notify(sandbox, reference) {
    const payment = [...sandbox.state.payments.values()].filter((p) => p.merchantTransactionId === reference).at(-1);
    const merchant = payment && sandbox.state.merchants.get(payment.memberId);
    if (!payment || !merchant) throw new Error(`the sandbox holds no payment ${reference}`);
    return json(callbackBody(payment, merchant.secureKey));
  },

  /**
   * The checksum covers paymentId | merchantTransactionId | amount | short status only (sandbox/checksum.ts,
   * the adapter's signing.ts): the unsigned long status can say anything under a valid checksum (issue 6 item 1).
   */
  forge(genuine) {
    const body = JSON.parse(genuine.body) as Record<string, unknown>;
    const checksum = String(body.checksum);
    const flipped = (checksum[0] === '0' ? '1' : '0') + checksum.slice(1);
    return [
      { name: 'long status "capturesuccess" under the checksum of the real outcome', notification: json({ ...body, status: 'capturesuccess' }) },
      { name: 'short status "Y" and "capturesuccess" with a checksum that does not match', notification: json({ ...body, status: 'capturesuccess', transactionStatus: 'Y', checksum: flipped }) },
    ];
  },
};
