import { randomBytes } from 'node:crypto';
import { asNumber, parseAmount } from './amounts';
import { findAccount, type SandboxAccount } from './accounts';
import { ERRORS, errorReply, type ErrorReply } from './errors';
import type { SandboxMerchant, SandboxPayout, SandboxState } from './state';

type Body = Record<string, unknown>;
const REQUIRED = ['email', 'first_name', 'last_name', 'date_of_birth'] as const;

/**
 * POST /v1/payouts: validation (capture:false) or validation and pay-out (capture:true). The customer is
 * found by e-mail and must match in names and birth date (3195), be active, fully identified, and within the
 * merchant's daily and the customer's yearly limits. A repeated Correlation-ID with capture:true pays out the
 * validated payout it names.
 */
export function createPayout(state: SandboxState, merchant: SandboxMerchant, body: Body, correlationId: string | undefined): ErrorReply | SandboxPayout {
  if (body.type !== 'PAYSAFECARD') return errorReply(ERRORS.missingParameter, 'type');
  if (typeof body.capture !== 'boolean') return errorReply(ERRORS.missingParameter, 'capture');
  const existing = correlationId ? [...state.payouts.values()].find((p) => p.mid === merchant.mid && p.correlationId === correlationId) : undefined;
  if (existing) return body.capture && existing.status === 'VALIDATION_SUCCESSFUL' ? capturePayout(state, existing) : errorReply(ERRORS.duplicatePayout);
  const cents = parseAmount(body.amount);
  if (cents === undefined || cents <= 0) return errorReply(ERRORS.invalidAmount, 'amount');
  if (cents < state.knobs.payoutMinimumCents) return errorReply(ERRORS.belowMinimum, 'amount');
  if (typeof body.currency !== 'string' || !/^[A-Z]{3}$/.test(body.currency)) return errorReply(ERRORS.missingParameter, 'currency');
  const customer = (typeof body.customer === 'object' && body.customer ? body.customer : {}) as Body;
  for (const field of ['id', ...REQUIRED]) if (typeof customer[field] !== 'string' || !customer[field]) return errorReply(ERRORS.missingParameter, `customer.${field}`);
  const account = findAccount(state.accounts, customer.email as string);
  const refusal = accountProblem(account, customer);
  if (refusal) return refusal;
  const now = Date.now();
  const payout: SandboxPayout = {
    id: `out_${merchant.mid}_${correlationId ?? randomBytes(16).toString('hex')}_${body.currency}`,
    mid: merchant.mid,
    correlationId,
    amountCents: cents,
    currency: body.currency,
    status: 'VALIDATION_SUCCESSFUL',
    customer: { id: customer.id as string, email: customer.email as string },
    account: account!,
    created: now,
    updated: now,
  };
  const limit = limitProblem(state, payout);
  if (limit) return limit;
  state.payouts.set(payout.id, payout);
  return body.capture ? capturePayout(state, payout) : payout;
}

function accountProblem(account: SandboxAccount | undefined, customer: Body): ErrorReply | undefined {
  if (!account) return errorReply(ERRORS.accountNotFound, 'customer.email');
  if (!account.active) return errorReply(ERRORS.customerInactive);
  const same = (a: string, b: unknown) => typeof b === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
  const matches = same(account.firstName, customer.first_name) && same(account.lastName, customer.last_name) && account.dateOfBirth === customer.date_of_birth;
  if (!matches) return errorReply(ERRORS.detailsMismatched, 'customer');
  if (customer.psc_id !== undefined && Number(customer.psc_id) !== account.pscId) return errorReply(ERRORS.detailsMismatched, 'customer.psc_id');
  if (account.kycLevel !== 'FULL') return errorReply(ERRORS.kycInvalid);
  return undefined;
}

function limitProblem(state: SandboxState, payout: SandboxPayout): ErrorReply | undefined {
  if (state.paidOutToday(payout.mid, payout.currency) + payout.amountCents > state.knobs.dailyPayoutLimitCents) return errorReply(ERRORS.merchantLimit, 'amount');
  if (state.paidOutToCustomer(payout.account.email) + payout.amountCents > state.knobs.yearlyCustomerPayoutLimitCents) return errorReply(ERRORS.yearlyLimit, 'amount');
  return undefined;
}

/** POST /v1/payouts/{id}/capture (or the same Correlation-ID again with capture:true): pays out once. */
export function capturePayout(state: SandboxState, payout: SandboxPayout): ErrorReply | SandboxPayout {
  if (payout.status !== 'VALIDATION_SUCCESSFUL') return errorReply(ERRORS.duplicatePayout);
  if (Date.now() - payout.created > state.knobs.payoutValidationTtlMs) return errorReply(ERRORS.payoutNotFound, 'id');
  const limit = limitProblem(state, payout);
  if (limit) return limit;
  payout.status = 'SUCCESS';
  payout.updated = Date.now();
  return payout;
}

/** GET /v1/payouts/limits/{currency}: PayoutLimitResponse. */
export function payoutLimits(state: SandboxState, merchant: SandboxMerchant, currency: string): Record<string, unknown> {
  const today = state.paidOutToday(merchant.mid, currency);
  const mine = [...state.payouts.values()].filter((p) => p.mid === merchant.mid && p.currency === currency && p.status === 'SUCCESS');
  const payments = [...state.payments.values()].filter((p) => p.mid === merchant.mid && p.currency === currency && p.status === 'SUCCESS');
  const totalPayout = mine.reduce((s, p) => s + p.amountCents, 0);
  const totalPayment = payments.reduce((s, p) => s + p.amountCents, 0);
  return {
    currency,
    mid: merchant.mid,
    credit_line: 0,
    daily_payout_amount: asNumber(today),
    daily_payout_balance: asNumber(state.knobs.dailyPayoutLimitCents - today),
    daily_payout_limit: asNumber(state.knobs.dailyPayoutLimitCents),
    total_payment_amount: asNumber(totalPayment),
    total_payout_amount: asNumber(totalPayout),
    total_payout_balance: asNumber(totalPayment - totalPayout),
  };
}
