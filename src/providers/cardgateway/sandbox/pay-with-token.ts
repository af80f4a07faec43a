import { errorReply, type Reply } from './auth';
import { RESULT } from './codes';
import type { Processed } from './respond';
import type { SandboxMerchant, SandboxState } from './state';
import { checkChecksum, invalid } from './validate';

/**
 * POST /paywithtoken/{registrationId}: the saved card's own resource. paymentType DL deletes the registration
 * (checksum memberId | secureKey | registrationId); afterwards the card cannot be charged.
 */
export function processPayWithToken(state: SandboxState, merchant: SandboxMerchant, fields: Record<string, string>, registrationId: string): Processed | Reply {
  const paymentType = fields['paymentType'];
  if (paymentType !== 'DL') return invalid('paymentType must be DL on /paywithtoken/{registrationId}');
  const badChecksum = checkChecksum('DL', merchant, fields, registrationId);
  if (badChecksum) return badChecksum;
  const registration = state.registrations.get(registrationId);
  if (!registration || registration.memberId !== merchant.memberId) return errorReply(404, RESULT.notFound);
  state.registrations.delete(registrationId);
  return { http: 200, body: { id: registrationId, paymentType: 'DL', result: RESULT.registrationDeleted, timestamp: new Date().toISOString() } };
}
