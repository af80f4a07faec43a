import type { CardData, CustomerData } from '../provider';
import { paymentBrand } from './brands';
import { wireCard, wireCustomer, type CardGatewayCredentials, type PreparedRequest } from './requests';
import { idChecksum, registrationChecksum } from './signing';
import { deleteRegistrationBody, PATHS, registrationBody } from './wire';

/** A stand-alone registration: saves the card without charging it; the platform answers with its `id`. */
export function registrationRequest(k: CardGatewayCredentials, reference: string, card: CardData, customer?: CustomerData): PreparedRequest {
  const body = registrationBody({
    memberId: k.memberId,
    terminalId: k.terminalId,
    checksum: registrationChecksum(k, card.number.reveal()),
    merchantTransactionId: reference,
    card: wireCard(card),
    paymentBrand: paymentBrand(card.summary.brand),
    customer: wireCustomer(customer),
  });
  return { path: PATHS.registrations, operation: 'registrations', body };
}

/** Forgets a saved card at the platform: paymentType DL on the registration's own resource. */
export function deleteRegistrationRequest(k: CardGatewayCredentials, registrationId: string): PreparedRequest {
  const body = deleteRegistrationBody({ memberId: k.memberId, terminalId: k.terminalId, checksum: idChecksum(k, registrationId) });
  return { path: PATHS.payWithToken(registrationId), operation: 'paywithtoken.DL', body };
}
