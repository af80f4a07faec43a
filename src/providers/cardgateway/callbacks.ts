import { createHash } from 'node:crypto';
import { CallbackVerificationError, type CallbackRequest, type ParsedCallback, type ProviderOutcome } from '../provider';
import { fromWireAmount, longStatus, paymentOutcome } from './mapping';
import { callbackChecksum, checksumEquals } from './signing';
import { callbackPayload, type CallbackFields } from './wire';

/** The notification arrives as JSON or form-encoded (the documents are ambiguous); both read the same. */
function readBody(request: CallbackRequest): Record<string, string> {
  const text = request.rawBody.toString('utf8').trim();
  if (text.startsWith('{')) {
    try {
      return flatten(JSON.parse(text));
    } catch {
      throw new CallbackVerificationError('the notification body is not valid JSON');
    }
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value === null || value === undefined) return out;
  if (typeof value !== 'object') {
    out[prefix] = String(value);
    return out;
  }
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  return out;
}

function read(request: CallbackRequest): CallbackFields {
  const parsed = callbackPayload.safeParse(readBody(request));
  if (!parsed.success) throw new CallbackVerificationError('the notification lacks paymentId, merchantTransactionId, amount or checksum');
  return parsed.data;
}

/** Unverified: just enough to find the transaction, and so the site whose secure key verifies it. */
export function cardGatewayCallbackHint(request: CallbackRequest): { reference?: string; providerTransactionId?: string } | undefined {
  try {
    const fields = read(request);
    return { reference: fields.reference, providerTransactionId: fields.paymentId };
  } catch {
    return undefined;
  }
}

/**
 * What identifies a notification: the signed fields (paymentId, merchantTransactionId, amount as received, short
 * status) plus the long status when it is one the platform uses. The long status is not signed, but two genuine
 * notifications can share every signed field (authsuccessful and then capturesuccess are both "Y" for the full
 * amount), so it must tell them apart; limiting it to the documented values bounds the keys one signed form can
 * produce. A forged long status gets its own key, so it can never make the genuine notification a duplicate.
 */
function eventKeyOf(fields: CallbackFields): string {
  const signed = [fields.paymentId, fields.reference, fields.amount, fields.shortStatus].join('|');
  const digest = createHash('sha256').update(signed, 'utf8').digest('hex').slice(0, 16);
  return `${fields.paymentId}:${fields.shortStatus}:${longStatus(fields.longStatus) ?? '-'}:${digest}`;
}

/**
 * Verify the checksum (paymentId | merchantTransactionId | amount as received | short status | secureKey) and
 * read the notification. The checksum does not cover the long status, the currency or whether this is a
 * payment or a payout, and the 3-D Secure return form the customer's browser carries is signed the same way:
 * so the outcome read here is a hint (`signedOutcome: false`) and the engine asks the platform's inquiry before
 * it moves money. The amount is checked in the string the platform signed, before any conversion, so a
 * reformatted amount cannot pass.
 */
export async function parseCardGatewayCallback(request: CallbackRequest, secureKey: string): Promise<ParsedCallback> {
  const fields = read(request);
  const expected = callbackChecksum(secureKey, { paymentId: fields.paymentId, merchantTransactionId: fields.reference, amount: fields.amount, transactionStatus: fields.shortStatus });
  if (!checksumEquals(fields.checksum, expected)) throw new CallbackVerificationError('the notification checksum does not match');
  const payout = fields.longStatus?.startsWith('payout') ?? false;
  const { checksum: _checksum, ...kept } = fields;
  return {
    eventKey: eventKeyOf(fields),
    type: `payment.${fields.longStatus ?? fields.shortStatus}`,
    operation: payout ? 'payout' : 'payment',
    reference: fields.reference,
    providerTransactionId: fields.paymentId,
    outcome: hintedOutcome(fields),
    signedOutcome: false,
    readSignedAmount: (currency) => fromWireAmount(fields.amount, currency),
    payload: kept,
  };
}

/** The outcome as the notification tells it, unsigned parts included: for the event's record, never applied as is. */
function hintedOutcome(fields: CallbackFields): ProviderOutcome | undefined {
  try {
    return paymentOutcome(
      {
        paymentId: fields.paymentId,
        status: fields.longStatus,
        shortStatus: fields.shortStatus,
        amount: fields.currency ? fields.amount : undefined,
        currency: fields.currency,
        reference: fields.reference,
        resultCode: fields.resultCode ?? '',
        resultText: fields.resultText ?? '',
        operation: undefined,
        registrationId: undefined,
        savedCardId: undefined,
        remark: undefined,
        capturedAmount: undefined,
        refundedAmount: undefined,
        redirect: undefined,
      },
      fields.currency ?? '',
    );
  } catch {
    return undefined;
  }
}
