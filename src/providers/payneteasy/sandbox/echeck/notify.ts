import { callbackSignature } from './control';
import type { EcheckOrder, EcheckState, EcheckTransaction } from './state';

const MAJOR = (minor: bigint) => `${minor / 100n}.${(minor % 100n).toString().padStart(2, '0')}`;

/** The callback body (PROTOCOL-NOTES.md §3): orderid, merchant_order, client_orderid, amount, status, type, control. */
export function callbackBody(order: EcheckOrder, txn: EcheckTransaction, controlKey: string): Record<string, string> {
  const body: Record<string, string> = {
    type: txn.type,
    status: txn.status,
    orderid: order.orderId,
    merchant_order: order.clientOrderId,
    client_orderid: order.clientOrderId,
    amount: MAJOR(txn.amountMinor),
    currency: order.currency,
    'serial-number': txn.serialNumber,
    control: callbackSignature(controlKey, { status: txn.status, orderid: order.orderId, client_orderid: order.clientOrderId }),
  };
  if (txn.errorCode) body['error-code'] = txn.errorCode;
  if (txn.errorMessage) body['error-message'] = txn.errorMessage;
  return body;
}

/**
 * server_callback_url hears the sale's final status only; notify_url hears it and every later change (returns,
 * chargebacks) — the document's rule for the two parameters.
 */
export function urlsFor(order: EcheckOrder, txn: EcheckTransaction): string[] {
  const urls = txn.type === 'sale' && order.serverCallbackUrl ? [order.serverCallbackUrl] : [];
  if (order.notifyUrl) urls.push(order.notifyUrl);
  return urls;
}

export async function sendCallbacks(state: EcheckState, order: EcheckOrder, txn: EcheckTransaction): Promise<void> {
  const merchant = state.merchants.get(order.endpointId);
  if (!merchant || !state.knobs.sendCallbacks) return;
  await new Promise((r) => setTimeout(r, Math.min(state.knobs.callbackDelayMs, 60_000)));
  for (const url of urlsFor(order, txn)) await post(state, url, callbackBody(order, txn, merchant.controlKey));
}

async function post(state: EcheckState, url: string, body: Record<string, string>): Promise<void> {
  const record: { url: string; body: Record<string, string>; httpStatus?: number; error?: string } = { url, body };
  state.callbacks.push(record);
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString(), signal: AbortSignal.timeout(10_000) });
    record.httpStatus = response.status;
  } catch (error) {
    record.error = error instanceof Error ? error.message : String(error);
  }
}
