import { randomBytes } from 'node:crypto';
import { parseAmount } from './amounts';
import { findAccount } from './accounts';
import { ERRORS, errorReply, type ErrorReply } from './errors';
import type { SandboxPayment, SandboxRefund, SandboxState } from './state';

type Body = Record<string, unknown>;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * POST /v1/payments/{id}/refunds: validation (capture:false) or direct refund (capture:true), with the
 * document's checks: a SUCCESS payment younger than 45 days, its currency, its customer id, a my paysafecard
 * account with that e-mail, and never more than was paid.
 */
export function createRefund(state: SandboxState, payment: SandboxPayment | undefined, body: Body): ErrorReply | SandboxRefund {
  if (!payment) return errorReply(ERRORS.refundMissingTransaction, 'id');
  if (body.type !== 'PAYSAFECARD') return errorReply(ERRORS.missingParameter, 'type');
  if (typeof body.capture !== 'boolean') return errorReply(ERRORS.missingParameter, 'capture');
  const cents = parseAmount(body.amount);
  if (cents === undefined || cents <= 0) return errorReply(ERRORS.refundInvalidAmount, 'amount');
  if (body.currency !== payment.currency) return errorReply(ERRORS.refundInvalidCurrency, 'currency');
  const customer = (typeof body.customer === 'object' && body.customer) as Body | false;
  if (!customer || typeof customer.id !== 'string' || typeof customer.email !== 'string') return errorReply(ERRORS.refundCredentialsMissing, 'customer');
  if (payment.status !== 'SUCCESS' || Date.now() - payment.created > 45 * DAY_MS) return errorReply(ERRORS.refundInvalidState);
  if (customer.id !== payment.customer.id) return errorReply(ERRORS.refundClientIdNotMatching, 'customer.id');
  const account = findAccount(state.accounts, customer.email);
  if (!account) return errorReply(ERRORS.refundCustomerNotFound, 'customer.email');
  if (!account.active) return errorReply(ERRORS.customerInactive);
  if (payment.account && payment.account.pscId !== account.pscId) return errorReply(ERRORS.refundDetailsMismatch, 'customer.email');
  if (refunded(payment) + cents > payment.amountCents) return errorReply(ERRORS.refundExceedsOriginal, 'amount');
  const now = Date.now();
  const refund: SandboxRefund = {
    id: `ref_${payment.mid}_${randomBytes(16).toString('hex')}_${payment.currency}`,
    amountCents: cents,
    currency: payment.currency,
    customer: { id: customer.id, email: customer.email },
    status: body.capture ? 'SUCCESS' : 'VALIDATION_SUCCESSFUL',
    created: now,
    updated: now,
  };
  payment.refunds.push(refund);
  return refund;
}

/** POST /v1/payments/{id}/refunds/{refundId}/capture: a validated refund, once, still within what was paid. */
export function captureRefund(payment: SandboxPayment | undefined, refundId: string): ErrorReply | SandboxRefund {
  if (!payment) return errorReply(ERRORS.refundMissingTransaction, 'id');
  const refund = payment.refunds.find((r) => r.id === refundId);
  if (!refund) return errorReply(ERRORS.refundMissingTransaction, 'refund_id');
  if (refund.status !== 'VALIDATION_SUCCESSFUL') return errorReply(ERRORS.refundInvalidState);
  if (refunded(payment) + refund.amountCents > payment.amountCents) return errorReply(ERRORS.refundExceedsOriginal, 'amount');
  refund.status = 'SUCCESS';
  refund.updated = Date.now();
  return refund;
}

export const refunded = (p: SandboxPayment) => p.refunds.filter((r) => r.status === 'SUCCESS').reduce((s, r) => s + r.amountCents, 0);
