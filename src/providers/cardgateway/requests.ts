import { ProviderError, type CardData, type CustomerData, type PaymentSource, type PayoutRequest, type PayRequest } from '../provider';
import { paymentBrand } from './brands';
import { toWireAmount } from './mapping';
import { captureRefundChecksum, idChecksum, paymentChecksum, payoutChecksum, payWithTokenChecksum, type Keys } from './signing';
import { backofficeBody, PATHS, paymentBody, tokenPaymentBody, type WireCard, type WireCustomer } from './wire';

/** A merchant account at the platform (the site's stored credentials). */
export interface CardGatewayCredentials extends Keys {
  partnerId: string;
  username: string;
  terminalId?: string;
}

export interface PreparedRequest {
  path: string;
  operation: string;
  body: Record<string, string>;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function wireCard(card: CardData, withCvv = true): WireCard {
  return {
    number: card.number.reveal(),
    expiryMonth: pad2(card.expMonth),
    expiryYear: String(card.expYear),
    cvv: withCvv ? card.cvc?.reveal() : undefined,
    holder: card.holderName,
  };
}

/** yyyy-mm-dd (ours) → yyyyMMdd, the platform's date format in every public sample. */
const wireDate = (date: string | undefined) => (date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date.replaceAll('-', '') : undefined);

export function wireCustomer(c: CustomerData | undefined): WireCustomer | undefined {
  if (!c) return undefined;
  return {
    email: c.email,
    givenName: c.firstName,
    surname: c.lastName,
    phone: c.phone,
    ip: c.ip,
    birthDate: wireDate(c.birthDate),
    street: c.address?.line1,
    city: c.address?.city,
    postcode: c.address?.postalCode,
    state: c.address?.state,
    country: c.address?.country ?? c.country,
  };
}

/** DB or PA with card data, which may register the card (INITIAL); a saved card is paid at /paywithtoken. */
export function payRequest(k: CardGatewayCredentials, r: PayRequest): PreparedRequest {
  if (r.source.type === 'token') return payWithTokenRequest(k, r, r.source.token, r.source.cvc?.reveal());
  const amount = toWireAmount(r.amount);
  const paymentType = r.capture ? 'DB' : 'PA';
  const source = sourceFields(r.source, r.saveMethod ?? false);
  return {
    path: PATHS.payments,
    operation: `payments.${paymentType}`,
    body: paymentBody({
      memberId: k.memberId,
      terminalId: k.terminalId,
      checksum: paymentChecksum(k, r.reference, amount),
      paymentType,
      merchantTransactionId: r.reference,
      amount,
      currency: r.amount.currency,
      ...source,
      orderDescriptor: r.description,
      merchantRedirectUrl: r.returnUrl,
      notificationUrl: r.notificationUrl,
      customer: wireCustomer(r.customer),
    }),
  };
}

/** DB or PA with a saved card, at the registration's own resource; the checksum carries its id. */
function payWithTokenRequest(k: CardGatewayCredentials, r: PayRequest, registrationId: string, cvv?: string): PreparedRequest {
  const amount = toWireAmount(r.amount);
  const paymentType = r.capture ? 'DB' : 'PA';
  const body = tokenPaymentBody({
    memberId: k.memberId,
    terminalId: k.terminalId,
    checksum: payWithTokenChecksum(k, registrationId, amount),
    paymentType,
    merchantTransactionId: r.reference,
    amount,
    currency: r.amount.currency,
    cvv,
    orderDescriptor: r.description,
    merchantRedirectUrl: r.returnUrl,
    notificationUrl: r.notificationUrl,
    customer: wireCustomer(r.customer),
  });
  return { path: PATHS.payWithToken(registrationId), operation: `paywithtoken.${paymentType}`, body };
}

function sourceFields(source: Exclude<PaymentSource, { type: 'token' }>, save: boolean) {
  switch (source.type) {
    case 'card':
      return { card: wireCard(source.card), paymentBrand: paymentBrand(source.card.summary.brand), ...(save ? { recurringType: 'INITIAL' as const, createRegistration: true } : {}) };
    case 'redirect':
    case 'bank_account':
      throw new ProviderError('final', 'UNSUPPORTED_SOURCE', `the card gateway pays with cards and saved cards, not ${source.type}`);
  }
}

export function captureRequest(k: CardGatewayCredentials, paymentId: string, amount: PayRequest['amount']): PreparedRequest {
  const wireAmount = toWireAmount(amount);
  const body = backofficeBody({ memberId: k.memberId, terminalId: k.terminalId, checksum: captureRefundChecksum(k, paymentId, wireAmount), paymentType: 'CP', amount: wireAmount, currency: amount.currency });
  return { path: PATHS.payment(paymentId), operation: 'payments.CP', body };
}

export function refundRequest(k: CardGatewayCredentials, paymentId: string, amount: PayRequest['amount']): PreparedRequest {
  const wireAmount = toWireAmount(amount);
  const body = backofficeBody({ memberId: k.memberId, terminalId: k.terminalId, checksum: captureRefundChecksum(k, paymentId, wireAmount), paymentType: 'RF', amount: wireAmount, currency: amount.currency });
  return { path: PATHS.payment(paymentId), operation: 'payments.RF', body };
}

/** Reversal is of the whole authorization: the checksum has no amount, so none is sent. */
export function reverseRequest(k: CardGatewayCredentials, paymentId: string): PreparedRequest {
  const body = backofficeBody({ memberId: k.memberId, terminalId: k.terminalId, checksum: idChecksum(k, paymentId), paymentType: 'RV' });
  return { path: PATHS.payment(paymentId), operation: 'payments.RV', body };
}

/** IN by the platform's paymentId (PID) or, when we never learned it, by our merchantTransactionId (MID). */
export function inquiryRequest(k: CardGatewayCredentials, id: { paymentId?: string; reference: string }): PreparedRequest {
  const sent = id.paymentId ?? id.reference;
  const idType = id.paymentId ? 'PID' : 'MID';
  const merchantTransactionId = id.paymentId ? undefined : id.reference;
  const body = backofficeBody({ memberId: k.memberId, terminalId: k.terminalId, checksum: idChecksum(k, sent), paymentType: 'IN', idType, merchantTransactionId });
  return { path: PATHS.payment(sent), operation: `payments.IN.${idType}`, body };
}

export function payoutRequest(k: CardGatewayCredentials, r: PayoutRequest): PreparedRequest {
  if (r.destination.type !== 'card') throw new ProviderError('final', 'UNSUPPORTED_SOURCE', 'the card gateway pays out to a card');
  const amount = toWireAmount(r.amount);
  const body = paymentBody({
    memberId: k.memberId,
    terminalId: k.terminalId,
    checksum: payoutChecksum(k, r.reference, amount),
    paymentType: 'PO',
    merchantTransactionId: r.reference,
    amount,
    currency: r.amount.currency,
    card: wireCard(r.destination.card, false),
    orderDescriptor: r.description,
    notificationUrl: r.notificationUrl,
    customer: wireCustomer(r.customer),
  });
  return { path: PATHS.payout, operation: 'payout.PO', body };
}
