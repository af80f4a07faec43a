import { toDecimal, type Money } from '../../../kernel/money';
import { ProviderError, type PayRequest } from '../../provider';
import { saleEcheckControl, statusControl, type ControlKeys } from './signing';
import { formEncode } from './wire';

export type PayneteasyEcheckCredentials = ControlKeys;

export interface PreparedRequest {
  /** Path under the base URL: /paynet/api/v2/<command>/<ENDPOINTID>. */
  path: string;
  body: string;
  operation: string;
}

/** The document's amount: major units with a "." delimiter; from our minor units, never through a float. */
export const wireAmount = (amount: Money): string => toDecimal(amount.amountMinor, amount.currency);

/** check_date is MM/DD/YYYY on the wire; we take yyyy-mm-dd. */
export function wireCheckDate(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new ProviderError('final', 'INVALID_CHECK_DATE', 'checkDate must be yyyy-mm-dd');
  return `${m[2]}/${m[3]}/${m[1]}`;
}

const cut = (value: string | undefined, max: number) => (value === undefined ? undefined : value.slice(0, max));

/** POST /paynet/api/v2/sale-echeck/ENDPOINTID, form-encoded, with its SHA-1 control. */
export function saleEcheckRequest(k: PayneteasyEcheckCredentials, r: PayRequest): PreparedRequest {
  if (r.source.type !== 'bank_account') throw new ProviderError('final', 'UNSUPPORTED_SOURCE', 'Payneteasy sale-echeck pays from a bank account only');
  const c = r.customer ?? {};
  const email = c.email ?? '';
  const body = formEncode({
    client_orderid: r.reference,
    order_desc: r.description ?? `Order ${r.reference}`,
    first_name: cut(c.firstName ?? r.source.holderName?.split(' ')[0], 50),
    last_name: cut(c.lastName ?? r.source.holderName?.split(' ').slice(1).join(' '), 50),
    address1: cut(c.address?.line1, 256),
    city: cut(c.address?.city, 50),
    state: c.address?.state,
    zip_code: cut(c.address?.postalCode, 10),
    country: c.address?.country ?? c.country,
    phone: cut(c.phone, 15),
    email,
    amount: wireAmount(r.amount),
    currency: r.amount.currency,
    ipaddress: c.ip,
    routing_number: r.source.routingNumber,
    account_number: r.source.accountNumber.reveal(),
    check_number: r.source.checkNumber,
    check_date: wireCheckDate(r.source.checkDate),
    notify_url: r.notificationUrl,
    control: saleEcheckControl(k, { clientOrderId: r.reference, amountMinor: r.amount.amountMinor, email }),
  });
  return { path: `/paynet/api/v2/sale-echeck/${encodeURIComponent(k.endpointId)}`, body, operation: 'sale-echeck' };
}

/**
 * POST /paynet/api/v2/status/ENDPOINTID. `orderid` is Payneteasy's; after a lost answer we have only our
 * client_orderid, and send the orderid slot empty (see docs/payneteasy.md "Status by our reference").
 */
export function statusRequest(k: PayneteasyEcheckCredentials, f: { clientOrderId: string; orderId?: string }): PreparedRequest {
  const orderId = f.orderId ?? '';
  const body = formEncode({ login: k.login, client_orderid: f.clientOrderId, orderid: orderId, control: statusControl(k, { clientOrderId: f.clientOrderId, orderId }) });
  return { path: `/paynet/api/v2/status/${encodeURIComponent(k.endpointId)}`, body, operation: 'status' };
}
