import { asNumber } from './amounts';
import type { SandboxPayment, SandboxState } from './state';

/**
 * The payment notification (docs/paysafecard.md "Notification"): unsigned, POSTed to notification_url once the
 * payment is AUTHORIZED (ASSIGN_CARDS), as a form by default or as JSON when the merchant asked for it.
 */
export function notificationFor(state: SandboxState, p: SandboxPayment): { contentType: string; body: string } {
  const amount = asNumber(p.amountCents).toFixed(2);
  if (state.knobs.jsonNotifications) {
    const data = {
      mid: p.mid,
      customer: { id: p.customer.id },
      payment_id: p.id,
      payment_instrument: 'paysafecard',
      payment_instrument_subtype: p.account ? 'account' : 'pin',
      card_details: [{ serial: p.serial, currency: p.currency, amount: Number(amount), type: '00002', country: 'AT' }],
      ...(p.submerchantId ? { submerchant_id: p.submerchantId } : {}),
    };
    return { contentType: 'application/json', body: JSON.stringify({ timestamp: Date.now(), eventType: 'ASSIGN_CARDS', version: '1', data }) };
  }
  const form = new URLSearchParams({ mtid: p.id, eventType: 'ASSIGN_CARDS', serialNumbers: `${p.serial};${p.currency};${amount};AT00002;` });
  return { contentType: 'application/x-www-form-urlencoded', body: form.toString() };
}

/** Posts it, retrying up to 5 times until HTTP 200 as paysafecard does (quickly: this is a sandbox). */
export async function sendNotification(state: SandboxState, p: SandboxPayment): Promise<void> {
  if (!p.notificationUrl) return;
  const { contentType, body } = notificationFor(state, p);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    let status: number | string;
    try {
      status = (await fetch(p.notificationUrl, { method: 'POST', headers: { 'content-type': contentType }, body, signal: AbortSignal.timeout(10_000) })).status;
    } catch (error) {
      status = (error as Error).name;
    }
    state.notifications.push({ url: p.notificationUrl, contentType, body, status });
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
  }
}
