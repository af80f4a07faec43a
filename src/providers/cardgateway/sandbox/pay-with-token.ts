import { errorReply, type Reply } from './auth';
import { RESULT } from './codes';
import { chargeCard } from './payments';
import type { Processed } from './respond';
import type { SandboxMerchant, SandboxState } from './state';
import { checkChecksum, invalid, isReply, readCard } from './validate';

/**
 * POST /paywithtoken/{registrationId}: the saved card's own resource.
 * - paymentType DB or PA charges the saved card (no card data; `card.cvv` optional), checksum memberId |
 *   secureKey | registrationId | amount. `merchantTransactionId` is optional, as in the vendor's sample.
 * - paymentType DL deletes the registration, checksum memberId | secureKey | registrationId; afterwards the
 *   card cannot be charged.
 */
export function processPayWithToken(state: SandboxState, merchant: SandboxMerchant, fields: Record<string, string>, registrationId: string, baseUrl: string): Processed | Reply {
  const paymentType = fields['paymentType'];
  if (paymentType === 'DL') return deleteRegistration(state, merchant, fields, registrationId);
  if (paymentType !== 'DB' && paymentType !== 'PA') return invalid('paymentType must be DB, PA or DL on /paywithtoken/{registrationId}');
  const merchantTransactionId = fields['merchantTransactionId'];
  if (merchantTransactionId !== undefined && !/^[\w-]{1,64}$/.test(merchantTransactionId)) return invalid('merchantTransactionId must be 1-64 letters, digits, _ or -');
  const badChecksum = checkChecksum('TOKEN', merchant, fields, registrationId);
  if (badChecksum) return badChecksum;
  const registration = state.registrations.get(registrationId);
  if (!registration || registration.memberId !== merchant.memberId) return errorReply(404, { code: RESULT.notFound.code, description: `${RESULT.notFound.description}: registrationId` });
  const cvv = fields['card.cvv'];
  if (cvv !== undefined && !/^\d{3,4}$/.test(cvv)) return invalid('card.cvv must be 3 or 4 digits');
  const card = readCard({ 'card.number': registration.pan, 'card.expiryMonth': registration.expiryMonth, 'card.expiryYear': registration.expiryYear }, false);
  if (isReply(card)) return card;
  return chargeCard(state, merchant, fields, baseUrl, { card, registrationId });
}

function deleteRegistration(state: SandboxState, merchant: SandboxMerchant, fields: Record<string, string>, registrationId: string): Processed | Reply {
  const badChecksum = checkChecksum('DL', merchant, fields, registrationId);
  if (badChecksum) return badChecksum;
  const registration = state.registrations.get(registrationId);
  if (!registration || registration.memberId !== merchant.memberId) return errorReply(404, RESULT.notFound);
  state.registrations.delete(registrationId);
  return { http: 200, body: { id: registrationId, paymentType: 'DL', result: RESULT.registrationDeleted, timestamp: new Date().toISOString() } };
}
