import { randomBytes } from 'node:crypto';
import type { Reply } from './auth';
import { formatCents } from './body';
import { RESULT, type Result } from './codes';
import { paymentBody, type Processed } from './respond';
import { brandOf, checkPaymentBrand } from './brands';
import { scenarioFor, type Scenario } from './scenarios';
import type { SandboxMerchant, SandboxPayment, SandboxState } from './state';
import { checkChecksum, checkCustomer, invalid, isReply, optionalUrl, readCard, readMoney, type CardFields } from './validate';

export interface Charge {
  card: CardFields;
  registrationId?: string;
}

/**
 * POST /payments: DB (debit) or PA (preauthorization) with card data. A saved card is charged at its own
 * resource, POST /paywithtoken/{registrationId} (pay-with-token.ts); the older form (registrationId with
 * recurringType=REPEATED here) is refused.
 */
export function processPayment(state: SandboxState, merchant: SandboxMerchant, fields: Record<string, string>, baseUrl: string): Processed | Reply {
  const paymentType = fields['paymentType'];
  if (paymentType !== 'DB' && paymentType !== 'PA') return invalid('paymentType must be DB or PA on /payments');
  const merchantTransactionId = fields['merchantTransactionId'] ?? '';
  if (!/^[\w-]{1,64}$/.test(merchantTransactionId)) return invalid('merchantTransactionId must be 1-64 letters, digits, _ or -');
  if (fields['registrationId'] || fields['recurringType'] === 'REPEATED') {
    return invalid('a saved card is charged with POST /paywithtoken/{registrationId}; /payments takes card data');
  }
  const badChecksum = checkChecksum(paymentType, merchant, fields, merchantTransactionId);
  if (badChecksum) return badChecksum;
  const card = readCard(fields, true);
  if (isReply(card)) return card;
  const badBrand = checkPaymentBrand(fields, card.pan);
  if (badBrand) return badBrand;
  return chargeCard(state, merchant, fields, baseUrl, { card });
}

/** Creates and settles a DB or PA whose request has been checked; `charge` is the card to use. */
export function chargeCard(state: SandboxState, merchant: SandboxMerchant, fields: Record<string, string>, baseUrl: string, charge: Charge): Processed | Reply {
  const badCustomer = checkCustomer(fields);
  if (badCustomer) return badCustomer;
  const money = readMoney(fields);
  if (isReply(money)) return money;
  const notificationUrl = optionalUrl(fields, 'notificationUrl');
  const merchantRedirectUrl = optionalUrl(fields, 'merchantRedirectUrl');
  if (isReply(notificationUrl)) return notificationUrl;
  if (isReply(merchantRedirectUrl)) return merchantRedirectUrl;
  const payment: SandboxPayment = {
    paymentId: state.newPaymentId(),
    memberId: merchant.memberId,
    merchantTransactionId: fields['merchantTransactionId'] ?? '',
    paymentType: fields['paymentType'] === 'PA' ? 'PA' : 'DB',
    status: 'begun',
    ...money,
    capturedCents: 0n,
    refundedCents: 0n,
    refundCount: 0,
    card: { bin: charge.card.pan.slice(0, 6), last4Digits: charge.card.pan.slice(-4), brand: brandOf(charge.card.pan) },
    result: RESULT.pending,
    notificationUrl,
    merchantRedirectUrl,
    recurringType: fields['recurringType'],
    timestamp: new Date().toISOString(),
  };
  state.payments.set(payment.paymentId, payment);
  const scenario: Scenario = charge.card.expired ? { kind: 'decline', ...RESULT_EXPIRED } : scenarioFor(charge.card.pan);
  const processed = settle(state, payment, scenario, baseUrl);
  if (processed.http === 200 && payment.status !== 'authfailed') attachRegistration(state, payment, fields, charge);
  processed.body = { ...processed.body, ...(payment.registrationId ? { registrationId: payment.registrationId } : {}) };
  return processed;
}

const RESULT_EXPIRED = { code: '11033', description: 'Card expired' };

function settle(state: SandboxState, payment: SandboxPayment, scenario: Scenario, baseUrl: string): Processed {
  switch (scenario.kind) {
    case 'approve':
    case 'slow':
    case 'lose_response':
      approve(state, payment);
      return {
        http: 200,
        body: paymentBody(payment),
        delayMs: scenario.kind === 'slow' ? state.knobs.slowCardDelayMs : 0,
        loseResponse: scenario.kind === 'lose_response',
      };
    case 'partial_approval':
      approvePart(state, payment);
      return { http: 200, body: paymentBody(payment) };
    case 'decline':
      decline(payment, { code: scenario.code, description: scenario.description });
      return { http: 200, body: paymentBody(payment) };
    case 'three_d_secure':
      payment.status = 'authstarted';
      payment.acsKey = randomBytes(12).toString('base64url');
      return {
        http: 200,
        body: { ...paymentBody(payment), redirect: { url: `${baseUrl}/acs/${payment.paymentId}?key=${payment.acsKey}`, method: 'GET', parameters: [] } },
      };
  }
}

export function approve(state: SandboxState, payment: SandboxPayment): void {
  payment.status = payment.paymentType === 'DB' ? 'capturesuccess' : 'authsuccessful';
  payment.capturedCents = payment.paymentType === 'DB' ? payment.amountCents : 0n;
  payment.result = RESULT.succeeded;
  state.countCharge(payment.memberId, payment.merchantTransactionId);
}

/** Some issuers approve less than asked (a prepaid card's balance): the answer's amount is what was approved. */
function approvePart(state: SandboxState, payment: SandboxPayment): void {
  const percent = BigInt(Math.min(100, Math.max(1, state.knobs.partialApprovalPercent)));
  payment.amountCents = (payment.amountCents * percent) / 100n || 1n;
  payment.amount = formatCents(payment.amountCents);
  approve(state, payment);
}

export function decline(payment: SandboxPayment, result: Result): void {
  payment.status = 'authfailed';
  payment.result = result;
}

function attachRegistration(state: SandboxState, payment: SandboxPayment, fields: Record<string, string>, charge: Charge): void {
  if (charge.registrationId) payment.registrationId = charge.registrationId;
  if (fields['createRegistration'] !== 'true' || charge.registrationId) return;
  const registrationId = state.newRegistrationId();
  state.registrations.set(registrationId, {
    registrationId,
    memberId: payment.memberId,
    pan: charge.card.pan,
    expiryMonth: charge.card.expiryMonth,
    expiryYear: charge.card.expiryYear,
    initialPaymentId: payment.paymentId,
  });
  payment.registrationId = registrationId;
}
