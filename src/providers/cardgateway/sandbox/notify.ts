import { callbackChecksum } from './checksum';
import { shortStatus } from './codes';
import { callbackDeliveries } from './faults';
import { sleep } from './knobs';
import type { SandboxPayment, SandboxState } from './state';

/** The notification body (docs/cardgateway.md "Callback payload"): signed over the SHORT status. */
export function callbackBody(payment: SandboxPayment, secureKey: string): Record<string, unknown> {
  const transactionStatus = shortStatus(payment.status);
  return {
    paymentId: payment.paymentId,
    status: payment.status,
    transactionStatus,
    paymentBrand: payment.card.brand,
    paymentMode: 'CC',
    amount: payment.amount,
    currency: payment.currency,
    merchantTransactionId: payment.merchantTransactionId,
    remark: payment.result.description,
    checksum: callbackChecksum(payment.paymentId, payment.merchantTransactionId, payment.amount, transactionStatus, secureKey),
    result: payment.result,
    card: { bin: payment.card.bin, last4Digits: payment.card.last4Digits },
    timestamp: new Date().toISOString(),
  };
}

/**
 * Posts the notification as JSON to notificationUrl after knobs.callbackDelayMs: once, or as the fault knobs
 * say (a forged copy first, duplicates after). Each outcome (HTTP status or error) is kept in state.callbacks.
 */
export async function sendCallback(state: SandboxState, payment: SandboxPayment): Promise<void> {
  const merchant = state.merchants.get(payment.memberId);
  if (!payment.notificationUrl || !merchant || !state.knobs.sendCallbacks) return;
  const bodies = callbackDeliveries(state.faults, callbackBody(payment, merchant.secureKey));
  await sleep(state.knobs.callbackDelayMs);
  for (const body of bodies) await post(state, payment.notificationUrl, body);
}

async function post(state: SandboxState, url: string, body: Record<string, unknown>): Promise<void> {
  const record: { url: string; body: Record<string, unknown>; httpStatus?: number; error?: string } = { url, body };
  state.callbacks.push(record);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    record.httpStatus = response.status;
  } catch (error) {
    record.error = error instanceof Error ? error.message : String(error);
  }
}
