import type { Reply } from './auth';
import { RESULT } from './codes';
import { paymentBody, type Processed } from './respond';
import { brandOf } from './brands';
import { scenarioFor } from './scenarios';
import type { SandboxMerchant, SandboxPayment, SandboxState } from './state';
import { checkChecksum, invalid, isReply, optionalUrl, readCard, readMoney } from './validate';

/**
 * POST /payout (paymentType PO): money to a card. The test cards decide as for payments; a 3-D Secure card
 * is simply approved (payouts have no cardholder authentication).
 */
export function processPayout(state: SandboxState, merchant: SandboxMerchant, fields: Record<string, string>): Processed | Reply {
  if (fields['paymentType'] !== 'PO') return invalid('paymentType must be PO on /payout');
  const merchantTransactionId = fields['merchantTransactionId'] ?? '';
  if (!/^[\w-]{1,64}$/.test(merchantTransactionId)) return invalid('merchantTransactionId must be 1-64 letters, digits, _ or -');
  const badChecksum = checkChecksum('PO', merchant, fields, merchantTransactionId);
  if (badChecksum) return badChecksum;
  const money = readMoney(fields);
  if (isReply(money)) return money;
  const card = readCard(fields, false);
  if (isReply(card)) return card;
  const notificationUrl = optionalUrl(fields, 'notificationUrl');
  if (isReply(notificationUrl)) return notificationUrl;
  const payout: SandboxPayment = {
    paymentId: state.newPaymentId(),
    memberId: merchant.memberId,
    merchantTransactionId,
    paymentType: 'PO',
    status: 'payoutstarted',
    ...money,
    capturedCents: 0n,
    refundedCents: 0n,
    refundCount: 0,
    card: { bin: card.pan.slice(0, 6), last4Digits: card.pan.slice(-4), brand: brandOf(card.pan) },
    result: RESULT.pending,
    notificationUrl,
    timestamp: new Date().toISOString(),
  };
  state.payments.set(payout.paymentId, payout);
  const scenario = card.expired ? { kind: 'decline' as const, code: '11033', description: 'Card expired' } : scenarioFor(card.pan);
  if (scenario.kind === 'decline') {
    payout.status = 'payoutfailed';
    payout.result = { code: scenario.code, description: scenario.description };
    return { http: 200, body: paymentBody(payout) };
  }
  payout.status = 'payoutsuccessful';
  payout.result = RESULT.succeeded;
  state.countCharge(merchant.memberId, merchantTransactionId);
  return {
    http: 200,
    body: paymentBody(payout),
    delayMs: scenario.kind === 'slow' ? state.knobs.slowCardDelayMs : 0,
    loseResponse: scenario.kind === 'lose_response',
  };
}
