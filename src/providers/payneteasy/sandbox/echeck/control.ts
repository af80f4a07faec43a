import { hash } from 'node:crypto';

/**
 * The sandbox's own control code, written apart from the adapter's echeck/signing.ts so the two cannot share a
 * mistake: SHA-1 of the concatenation, lowercase hex (payneteasy-sale-echeck.md "control"; PROTOCOL-NOTES.md
 * "Payneteasy" §2, §3). The amount in a control is minor units, read here from the decimal string the merchant
 * sent, digit by digit.
 */
const sha1 = (text: string) => hash('sha1', text, 'hex');

/** "10.55" → "1055", "10.5" → "1050", "100" → "10000", "0.29" → "29"; undefined for anything else. */
export function minorUnits(amount: string): string | undefined {
  const m = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(amount);
  if (!m) return undefined;
  const cents = `${m[1]}${(m[2] ?? '').padEnd(2, '0')}`.replace(/^0+(?=\d)/, '');
  return cents;
}

export interface EcheckMerchant {
  endpointId: string;
  login: string;
  controlKey: string;
}

export const expectedSaleControl = (m: EcheckMerchant, f: { client_orderid: string; amount: string; email: string }) =>
  sha1(m.endpointId + f.client_orderid + (minorUnits(f.amount) ?? '') + f.email + m.controlKey);

export const expectedStatusControl = (m: EcheckMerchant, f: { client_orderid: string; orderid: string }) => sha1(m.login + f.client_orderid + f.orderid + m.controlKey);

/** What the sandbox signs its callbacks with: status + orderid + client_orderid + merchant_control. */
export const callbackSignature = (controlKey: string, f: { status: string; orderid: string; client_orderid: string }) => sha1(f.status + f.orderid + f.client_orderid + controlKey);
