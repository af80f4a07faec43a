import { CallbackVerificationError, type CallbackHint, type CallbackRequest, type ParsedCallback } from '../provider';
import { formNotification, jsonNotification } from './wire';

/** pay_<MID>_<our reference>_<CUR>: the middle is the Correlation-ID we sent, i.e. our reference. */
export function referenceOf(paymentId: string): string | undefined {
  const parts = paymentId.split('_');
  return parts.length >= 4 && parts[0] === 'pay' ? parts.slice(2, -1).join('_') : undefined;
}

/** The payment id: from our notification URL's {payment_id}, the form's mtid, or the JSON's data.payment_id. */
function paymentIdOf(request: CallbackRequest): string | undefined {
  if (request.query.payment_id) return request.query.payment_id;
  const text = request.rawBody.toString('utf8').trim();
  if (text.startsWith('{')) {
    try {
      const parsed = jsonNotification.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data.data.payment_id : undefined;
    } catch {
      return undefined;
    }
  }
  const parsed = formNotification.safeParse(Object.fromEntries(new URLSearchParams(text)));
  return parsed.success ? parsed.data.mtid : undefined;
}

export function paysafecardCallbackHint(request: CallbackRequest): CallbackHint | undefined {
  const id = paymentIdOf(request)?.slice(0, 200);
  return id ? { providerTransactionId: id, reference: referenceOf(id) } : undefined;
}

/**
 * paysafecard's notifications are not signed (docs/paysafecard.md "Notification"): there is nothing to verify,
 * so the body is never believed. It only names the payment; the engine retrieves it (`signedOutcome` false)
 * and acts on paysafecard's own answer. A redelivery has the same key: the payment id and the event.
 */
export function parsePaysafecardCallback(request: CallbackRequest): ParsedCallback {
  const id = paymentIdOf(request);
  if (!id) throw new CallbackVerificationError('the notification names no payment');
  return {
    eventKey: `ASSIGN_CARDS:${id}`,
    type: 'ASSIGN_CARDS',
    operation: 'payment',
    providerTransactionId: id,
    reference: referenceOf(id),
    signedOutcome: false,
    payload: { paymentId: id },
  };
}
