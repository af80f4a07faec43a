import { createHash } from 'node:crypto';
import { CallbackVerificationError, type CallbackHint, type CallbackRequest, type ParsedCallback } from '../../provider';
import { saleOutcome, v2Status } from './mapping';
import { callbackControl, controlEquals } from './signing';
import { callbackFields, parseForm, type CallbackFields } from './wire';
import { parseCurrency } from '../../../kernel/money';

const USD = parseCurrency('USD');

/** The types a callback's (unsigned) `type` may take; anything else is keyed as "other" so the keys stay bounded. */
const TYPES = ['sale', 'return', 'chargeback'] as const;
const typeOf = (raw: string | undefined) => (TYPES as readonly string[]).find((t) => t === raw?.toLowerCase()) ?? 'other';

/** The fields under their canonical names: client_orderid from merchant-order-id / client_orderid / merchant_order, orderid from orderid / paynet-order-id. */
function read(request: CallbackRequest): CallbackFields {
  const f = parseForm(request.rawBody.toString('utf8'));
  const parsed = callbackFields.safeParse({
    ...f,
    client_orderid: f['merchant-order-id'] ?? f.client_orderid ?? f.merchant_order,
    orderid: f.orderid ?? f['paynet-order-id'],
    control: f.control ?? f.merchant_control,
  });
  if (!parsed.success) throw new CallbackVerificationError('the callback lacks status, orderid, client_orderid or control');
  return parsed.data;
}

/** Unverified: our reference (client_orderid) and Payneteasy's orderid, to find the payment and its site. */
export function echeckCallbackHint(request: CallbackRequest): CallbackHint | undefined {
  try {
    const f = read(request);
    return { reference: f.client_orderid, providerTransactionId: f.orderid };
  } catch {
    return undefined;
  }
}

/** Built from the signed fields plus the bounded type: a redelivery has the same key, a return after the sale another. */
function eventKeyOf(f: CallbackFields, status: string): string {
  const digest = createHash('sha256').update([f.orderid, f.client_orderid, status].join('|'), 'utf8').digest('hex').slice(0, 16);
  return `${f.orderid}:${typeOf(f.type)}:${status}:${digest}`;
}

/**
 * Verify `control` = SHA-1(status + orderid + client_orderid + merchant_control), compared exactly, with the
 * status lower-cased first (PROTOCOL-NOTES.md §3). The control covers neither the amount, the currency nor
 * whether this is the sale or a later return/chargeback, so the outcome is a hint (`signedOutcome: false`):
 * the engine asks the status command before it moves money.
 */
export function parseEcheckCallback(request: CallbackRequest, controlKey: string): ParsedCallback {
  const f = read(request);
  const status = f.status.toLowerCase();
  const expected = callbackControl(controlKey, { status, orderId: f.orderid, clientOrderId: f.client_orderid });
  if (!controlEquals(f.control, expected)) throw new CallbackVerificationError('the callback control does not match');
  const type = typeOf(f.type);
  const { control: _control, ...kept } = f;
  return {
    eventKey: eventKeyOf(f, status),
    type: `echeck.${type}.${v2Status(status)}`,
    operation: type === 'return' || type === 'chargeback' ? 'refund' : 'payment',
    reference: f.client_orderid,
    providerTransactionId: f.orderid,
    outcome: type === 'sale' || type === 'other' ? hinted(f) : undefined,
    signedOutcome: false,
    payload: kept,
  };
}

/** The outcome as the callback tells it, for the event's record; the amount is left out (not signed). */
function hinted(f: CallbackFields) {
  return saleOutcome({ type: 'callback', status: f.status, 'paynet-order-id': f.orderid, 'error-code': f['error-code'], 'error-message': f['error-message'] }, USD);
}
