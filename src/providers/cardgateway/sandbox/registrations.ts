import type { Reply } from './auth';
import { RESULT } from './codes';
import type { Processed } from './respond';
import { brandOf, checkPaymentBrand } from './brands';
import { scenarioFor } from './scenarios';
import type { SandboxMerchant, SandboxState } from './state';
import { checkChecksum, checkCustomer, invalid, isReply, readCard } from './validate';

/**
 * POST /registrations: save a card without charging it (tokenization's second way). Checksum memberId |
 * secureKey | card number. The answer is the registration object: its id is `id` (a payment that registers
 * answers `registrationId` instead). A declining test card fails with 10003.
 */
export function processRegistration(state: SandboxState, merchant: SandboxMerchant, fields: Record<string, string>): Processed | Reply {
  const merchantTransactionId = fields['merchantTransactionId'] ?? '';
  if (!/^[\w-]{1,64}$/.test(merchantTransactionId)) return invalid('merchantTransactionId must be 1-64 letters, digits, _ or -');
  const card = readCard(fields, true);
  if (isReply(card)) return card;
  const badChecksum = checkChecksum('RG', merchant, fields, card.pan);
  if (badChecksum) return badChecksum;
  const badFields = checkPaymentBrand(fields, card.pan) ?? checkCustomer(fields);
  if (badFields) return badFields;
  const summary = { bin: card.pan.slice(0, 6), last4Digits: card.pan.slice(-4), brand: brandOf(card.pan) };
  const timestamp = new Date().toISOString();
  if (card.expired || scenarioFor(card.pan).kind === 'decline') {
    return { http: 200, body: { merchantTransactionId, result: { code: '10003', description: 'Registration failed' }, card: summary, timestamp } };
  }
  const registrationId = state.newRegistrationId();
  state.registrations.set(registrationId, { registrationId, memberId: merchant.memberId, pan: card.pan, expiryMonth: card.expiryMonth, expiryYear: card.expiryYear });
  return { http: 200, body: { id: registrationId, merchantTransactionId, result: RESULT.succeeded, card: summary, timestamp } };
}
