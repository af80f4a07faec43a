import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Payneteasy API v2 `control`: SHA-1 over the parts concatenated without separators, lowercase hex
 * (PROTOCOL-NOTES.md "Payneteasy" §2 and §3). Amounts inside a control are minor units written as an integer
 * ("10.55" → "1055"); the request itself carries the major-unit amount. Callers pass the minor units as the
 * bigint they hold, so no float ever takes part.
 */
export function sha1Control(parts: readonly string[]): string {
  return createHash('sha1').update(parts.join(''), 'utf8').digest('hex');
}

export interface ControlKeys {
  endpointId: string;
  login: string;
  controlKey: string;
}

/** sale-echeck (payneteasy-sale-echeck.md "control"): ENDPOINTID + client_orderid + amount in minor units + email + merchant_control. */
export const saleEcheckControl = (k: ControlKeys, f: { clientOrderId: string; amountMinor: bigint; email: string }) =>
  sha1Control([k.endpointId, f.clientOrderId, f.amountMinor.toString(), f.email, k.controlKey]);

/** status: login + client_orderid + orderid + merchant_control (the vendor library's StatusQuery). */
export const statusControl = (k: ControlKeys, f: { clientOrderId: string; orderId: string }) => sha1Control([k.login, f.clientOrderId, f.orderId, k.controlKey]);

/** Callback (server_callback_url / notify_url): status + orderid + client_orderid + merchant_control. */
export const callbackControl = (controlKey: string, f: { status: string; orderId: string; clientOrderId: string }) =>
  sha1Control([f.status, f.orderId, f.clientOrderId, controlKey]);

/**
 * Exact comparison, as the vendor library does (`!==`): an uppercase control is refused, not normalized.
 * Constant-time so a forger learns nothing from how long the refusal took.
 */
export function controlEquals(received: string, expected: string): boolean {
  const a = Buffer.from(received, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
