import { z } from 'zod';

/**
 * The form-encoded wire of API v2 (payneteasy-sale-echeck.md "Request Parameters" / "Response Parameters"):
 * requests are application/x-www-form-urlencoded; responses are `key=value` pairs joined with `&`, each value
 * followed by a newline (0xA), which is not part of the value.
 */
export function formEncode(fields: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  // Only non-empty fields are sent, `control` last (the vendor library's http_build_query order).
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== '' && name !== 'control') params.append(name, value);
  if (fields.control) params.append('control', fields.control);
  return params.toString();
}

/** Reads a response or callback body: form pairs, newline (and CR/space) after each value trimmed. */
export function parseForm(text: string): Record<string, string> {
  // A body copied from the document carries the pairs on lines starting with "&"; the newlines are not values.
  const params = new URLSearchParams(text.replace(/\r?\n&/g, '&').trim());
  const out: Record<string, string> = {};
  for (const [name, value] of params) out[name.trim()] = value.trim();
  return out;
}

/** What every sale-echeck and status answer may carry (the document's names). */
export const v2Response = z.object({
  type: z.string().min(1),
  status: z.string().optional(),
  'paynet-order-id': z.string().optional(),
  'merchant-order-id': z.string().optional(),
  'serial-number': z.string().optional(),
  'end-point-id': z.string().optional(),
  'error-message': z.string().optional(),
  'error-code': z.string().optional(),
  amount: z.string().optional(),
  currency: z.string().optional(),
  /**
   * Not in our copy of the document: the total returned or charged back on the order, as the sandbox reports it
   * in status-response (docs/payneteasy.md "Returns and chargebacks").
   */
  'returned-amount': z.string().optional(),
});
export type V2Response = z.infer<typeof v2Response>;

/** The callback's fields (PROTOCOL-NOTES.md §3): control over status, orderid and client_orderid only. */
export const callbackFields = z.object({
  status: z.string().min(1),
  orderid: z.string().min(1),
  client_orderid: z.string().min(1),
  control: z.string().min(1),
  merchant_order: z.string().optional(),
  type: z.string().optional(),
  amount: z.string().optional(),
  currency: z.string().optional(),
  'error-code': z.string().optional(),
  'error-message': z.string().optional(),
});
export type CallbackFields = z.infer<typeof callbackFields>;

/** Fields masked in logs and never stored: the account number and the control (a signature). */
export const SECRET_FIELDS = ['account_number', 'control'] as const;
