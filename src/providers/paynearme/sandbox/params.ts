import type { SandboxPartner, SandboxState } from './state';
import { redactedVerificationString, verifySignature } from './verify';

/** A refusal as PayNearMe sends it: HTTP 400, {"status":"error","errors":[{"description":…}]}. */
export class Refused extends Error {
  constructor(
    readonly description: string,
    readonly httpStatus = 400,
  ) {
    super(description);
  }
}

const ENVELOPE = ['site_identifier', 'proxy_site_identifier', 'timestamp', 'version', 'signature'];
const ORDER_REF = ['pnm_order_identifier', 'site_order_identifier'];
const PAYMENT = ['payment_amount', 'payment_currency', 'site_channel'];

/** Parameters each call defines (paynearme-proxy-api.md and PROTOCOL-NOTES "Endpoints"); anything else is refused. */
export const CALLS: Record<string, { params: string[]; orderRef?: boolean; required?: string[] }> = {
  find_orders: { params: [...ORDER_REF, 'return_minimal_info'], orderRef: true },
  get_fees: { params: [...ORDER_REF, 'site_channel'], orderRef: true },
  find_payment_methods: { params: ORDER_REF, orderRef: true },
  create_payment_method: {
    params: [
      ...ORDER_REF, ...PAYMENT, 'payment_method_type', 'payment_method_card_number_pii', 'payment_method_card_expiry_pii', 'payment_method_cvv_pii',
      'payment_method_billing_name', 'payment_method_billing_zipcode', 'send_payment', 'site_payment_identifier',
    ],
    orderRef: true,
    // 3PPP specifics: "Each transaction requires CVV input when using /create_payment_method".
    required: ['payment_method_type', 'payment_method_card_number_pii', 'payment_method_card_expiry_pii', 'payment_method_cvv_pii'],
  },
  make_payment: { params: [...ORDER_REF, ...PAYMENT, 'payment_method_identifier', 'site_payment_identifier', 'cvv_pii'], orderRef: true, required: ['payment_method_identifier', 'payment_amount', 'payment_currency'] },
  cancel_payment: { params: ['pnm_payment_identifier'], required: ['pnm_payment_identifier'] },
  schedule_payment: { params: [...ORDER_REF, ...PAYMENT, 'payment_method_identifier', 'payment_date'], orderRef: true, required: ['payment_method_identifier', 'payment_amount', 'payment_currency', 'payment_date'] },
  find_scheduled_payment: { params: ORDER_REF, orderRef: true },
  cancel_scheduled_payment: { params: ['pnm_scheduled_payment_identifier'], required: ['pnm_scheduled_payment_identifier'] },
};

export interface Caller {
  partner: SandboxPartner;
  proxySite: string;
}

/**
 * The checks every call goes through, in this order: a known call with a proxy id, only defined parameters,
 * version 3.0, a known partner, the timestamp window, the signature, then the partner's access to the client
 * and the call's required parameters. Texts are the document's ("Error Conditions"); texts it does not give
 * (a missing required parameter, an unknown partner) are the sandbox's own and say so nowhere else.
 */
export function checkEnvelope(state: SandboxState, call: string, body: Record<string, string>): Caller {
  const spec = CALLS[call];
  if (!spec || !body.proxy_site_identifier) throw new Refused('Unrecognized API Call');
  for (const key of Object.keys(body)) {
    if (!ENVELOPE.includes(key) && !spec.params.includes(key)) throw new Refused(`${key} is not a supported parameter for this API call`);
  }
  if (body.version !== '3.0') throw new Refused('version must be 3.0 for this key');
  const partner = state.partners.get(body.site_identifier ?? '');
  if (!partner) throw new Refused('Invalid site_identifier', 401);
  const timestamp = Number(body.timestamp);
  if (!/^\d+$/.test(body.timestamp ?? '') || Math.abs(state.nowSeconds() - timestamp) > 300) throw new Refused('Timestamp is out of range (+/- 300 seconds)');
  const verified = sanitizedIdentifiers(body);
  if (!verifySignature(verified, partner.secretKey)) {
    throw new Refused(`Signature is not correct -- string used for signature verification (redacted): ${redactedVerificationString(verified)}`, 401);
  }
  if (!partner.clients.includes(body.proxy_site_identifier)) throw new Refused('Unrecognized API Call');
  if (spec.orderRef && !body.pnm_order_identifier && !body.site_order_identifier) throw new Refused('pnm_order_identifier or site_order_identifier is required');
  for (const name of spec.required ?? []) if (!body[name]) throw new Refused(`${name} is required`);
  return { partner, proxySite: body.proxy_site_identifier };
}

/** Decimal dollars ("350.00", "5") to cents; anything else is refused naming the parameter. */
export function cents(value: string | undefined, name: string): number {
  if (!value || !/^\d{1,9}(\.\d{1,2})?$/.test(value)) throw new Refused(`${name} must be a positive amount in dollars (e.g. 25.00)`);
  const [whole, fraction = ''] = value.split('.');
  const total = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (total <= 0) throw new Refused(`${name} must be greater than zero`);
  return total;
}

export const dollars = (c: number): string => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

export const CHANNELS = ['consumer', 'ivr', 'agent', 'api'] as const;

export function channelOf(value: string | undefined): (typeof CHANNELS)[number] {
  const channel = value ?? 'consumer';
  if (!(CHANNELS as readonly string[]).includes(channel)) throw new Refused(`site_channel must be one of ${CHANNELS.join(', ')}`);
  return channel as (typeof CHANNELS)[number];
}

/**
 * The document: a signature fails when values contain "special characters (outside the except list of: . - _)".
 * The sandbox reproduces that for identifiers: it verifies them with such characters removed, so a signature
 * over the raw value does not match, and the error's string shows what was verified.
 */
function sanitizedIdentifiers(body: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) out[key] = key.endsWith('_identifier') ? value.replace(/[^A-Za-z0-9._-]/g, '') : value;
  return out;
}
