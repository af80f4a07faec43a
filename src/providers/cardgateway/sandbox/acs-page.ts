import { callbackChecksum } from './checksum';
import { RESULT } from './codes';
import { sendCallback } from './notify';
import { approve, decline } from './payments';
import { shortStatus } from './codes';
import type { SandboxPayment, SandboxState } from './state';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The issuer's 3-D Secure page for a payment in status authstarted: the tester picks the outcome. */
export function acsPage(payment: SandboxPayment, key: string): string {
  const form = (outcome: string, label: string) =>
    `<form method="post" action="/acs/${escape(payment.paymentId)}"><input type="hidden" name="key" value="${escape(key)}">` +
    `<input type="hidden" name="outcome" value="${outcome}"><button type="submit" id="${outcome}">${label}</button></form>`;
  return page(
    '3-D Secure',
    `<h1>3-D Secure test ACS</h1><p>Payment ${escape(payment.paymentId)}: ${escape(payment.amount)} ${escape(payment.currency)}, card ${escape(payment.card.bin)}…${escape(payment.card.last4Digits)}</p>` +
      form('authenticate', 'Complete authentication') +
      form('fail', 'Fail authentication'),
  );
}

/**
 * The customer answered the ACS: settle the payment, post the signed callback to notificationUrl, and send the
 * customer's browser back to merchantRedirectUrl with a self-submitting POST form (short status in `status`).
 */
export function completeAcs(state: SandboxState, payment: SandboxPayment, outcome: string): string {
  if (outcome === 'authenticate') approve(state, payment);
  else decline(payment, RESULT.threeDsFailed);
  payment.acsKey = undefined;
  void sendCallback(state, payment);
  const merchant = state.merchants.get(payment.memberId);
  if (!payment.merchantRedirectUrl || !merchant) return page('Done', '<p>Authentication finished. You can close this window.</p>');
  const status = shortStatus(payment.status);
  const fields: Record<string, string> = {
    paymentId: payment.paymentId,
    merchantTransactionId: payment.merchantTransactionId,
    amount: payment.amount,
    currency: payment.currency,
    status,
    checksum: callbackChecksum(payment.paymentId, payment.merchantTransactionId, payment.amount, status, merchant.secureKey),
  };
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escape(value)}">`)
    .join('');
  return page(
    'Returning to the merchant',
    `<form id="back" method="post" action="${escape(payment.merchantRedirectUrl)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form>` +
      '<script>document.getElementById("back").submit()</script>',
  );
}

export function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body>${body}</body></html>`;
}
