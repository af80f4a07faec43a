import { randomInt } from 'node:crypto';
import { ageOf, findAccount } from './accounts';
import { expireIfDue } from './payments';
import { sendNotification } from './notify';
import type { SandboxPayment, SandboxState } from './state';

/** What the customer does on the panel: pay with a my paysafecard account (by e-mail), pay with PINs, or cancel. */
export type CustomerChoice = { kind: 'account'; email: string } | { kind: 'accountless' } | { kind: 'cancel' };

export type PanelResult = { ok: true; payment: SandboxPayment; redirectTo: string } | { ok: false; message: string };

/**
 * The customer's step at auth_url: the restrictions the merchant asked for (min_age and kyc_level need an
 * account; country_restriction the account's country) are checked here, as paysafecard's panel does. A paid
 * payment becomes AUTHORIZED and the merchant is notified; a cancelled one CANCELED_CUSTOMER.
 */
export function customerActs(state: SandboxState, payment: SandboxPayment, choice: CustomerChoice): PanelResult {
  expireIfDue(state, payment);
  if (payment.status !== 'INITIATED' && payment.status !== 'REDIRECTED') return { ok: false, message: `This payment is ${payment.status.toLowerCase()}.` };
  if (choice.kind === 'cancel') {
    move(payment, 'CANCELED_CUSTOMER');
    return { ok: true, payment, redirectTo: payment.failureUrl };
  }
  const refusal = restrictionProblem(state, payment, choice);
  if (refusal) return { ok: false, message: refusal };
  if (choice.kind === 'account') payment.account = findAccount(state.accounts, choice.email);
  else payment.accountless = true;
  payment.serial = String(randomInt(1_000_000_000, 9_999_999_999));
  payment.authorizedAt = Date.now();
  move(payment, 'AUTHORIZED');
  if (state.knobs.sendNotifications) void sendNotification(state, payment);
  return { ok: true, payment, redirectTo: payment.successUrl };
}

function restrictionProblem(state: SandboxState, payment: SandboxPayment, choice: CustomerChoice): string | undefined {
  const { minAge, kycLevel, countryRestriction } = payment.customer;
  if (choice.kind !== 'account') return minAge || kycLevel ? 'This payment needs a my paysafecard account.' : undefined;
  const account = findAccount(state.accounts, choice.email);
  if (!account || !account.active) return 'Unknown or inactive my paysafecard account.';
  if (minAge && ageOf(account.dateOfBirth) < minAge) return `You must be at least ${minAge} years old for this payment.`;
  if (kycLevel === 'FULL' && account.kycLevel !== 'FULL') return 'This payment needs a fully identified my paysafecard account.';
  if (countryRestriction && account.country !== countryRestriction) return 'This payment is not available in your country.';
  return undefined;
}

export function markRedirected(payment: SandboxPayment): void {
  if (payment.status === 'INITIATED') move(payment, 'REDIRECTED');
}

function move(payment: SandboxPayment, status: SandboxPayment['status']): void {
  payment.status = status;
  payment.updated = Date.now();
}
