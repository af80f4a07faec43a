import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { NextAction, ProviderOutcome } from '../../providers/provider';
import { isUnsettled } from '../transactions/transaction-state';
import { TransactionStatus } from '../transactions/transaction-status';
import type { Transaction } from '../transactions/transaction.entity';
import { moveTo, recordEvent } from '../transactions/transaction-transitions';
import { errorResult } from '../engine/provider-call';
import type { CallResult } from '../engine/provider-call';
import { paymentStatusOf } from '../engine/outcome-status';
import { applyReportedFee } from './chosen-fee';

/**
 * Applies what the provider said about a payment (its answer, a callback, a status query) to the locked row.
 * Only an unsettled payment moves: once AUTHORIZED or final, only capture/void operations change it, so a
 * duplicate or out-of-order report changes nothing. Returns whether anything changed.
 */
export function applyPaymentOutcome(em: EntityManager, txn: Transaction, outcome: ProviderOutcome, source: string, log?: Logger): boolean {
  if (!isUnsettled(txn.status)) return false;
  // What the customer authorized and we declined at the provider (customer data mismatch) is a decline.
  const to = txn.step === 'decline' && outcome.status === 'cancelled' ? TransactionStatus.DECLINED : paymentStatusOf(outcome);
  if (to === 'not_found') return false;
  checkMismatch(em, txn, outcome, log);
  if (outcome.providerTransactionId) txn.providerTransactionId ??= outcome.providerTransactionId;
  applyReportedFee(em, txn, outcome.fee, log);
  const data = { source, providerStatus: outcome.providerStatus };
  if (to === txn.status) {
    if (outcome.status === 'requires_action') txn.nextAction = storedAction(outcome.action);
    return false;
  }
  if (!moveTo(em, txn, to, { message: outcome.providerMessage, data })) return false;
  txn.nextAction = outcome.status === 'requires_action' ? storedAction(outcome.action) : null;
  if (to === TransactionStatus.SUCCEEDED) txn.capturedMinor = approvedMinor(txn);
  if (outcome.status === 'declined' || outcome.status === 'failed') {
    txn.declineCode = outcome.code;
    txn.declineReason = outcome.reason;
    txn.declineReasonCode = outcome.reasonCode;
  }
  return true;
}

/** A provider error in phase 2: indeterminate → OUTCOME_UNKNOWN (the reconciler asks); otherwise FAILED. */
export function applyPaymentResult(em: EntityManager, txn: Transaction, result: CallResult, source: string, log?: Logger): void {
  if (result.kind === 'outcome') {
    applyPaymentOutcome(em, txn, result.outcome, source, log);
    return;
  }
  const failure = errorResult(result.error);
  const to = failure.unknown ? TransactionStatus.OUTCOME_UNKNOWN : TransactionStatus.FAILED;
  if (moveTo(em, txn, to, { message: failure.reason, data: { source, code: failure.code } }) && !failure.unknown) {
    txn.declineCode = failure.code;
    txn.declineReason = failure.reason;
    txn.declineReasonCode = failure.reasonCode;
  }
}

/** The provider reported another amount or currency than we sent: kept on the row and as an event, never ignored. */
export function checkMismatch(em: EntityManager, txn: Transaction, outcome: ProviderOutcome, log?: Logger): void {
  const reported = outcome.amount;
  if (!reported) return;
  if (reported.amountMinor === BigInt(txn.amountMinor) && reported.currency === txn.currency) return;
  const mismatch = { amountMinor: reported.amountMinor.toString(), currency: reported.currency };
  if (txn.mismatch?.amountMinor === mismatch.amountMinor && txn.mismatch.currency === mismatch.currency) return;
  txn.mismatch = mismatch;
  recordEvent(em, txn, {
    type: 'amount_mismatch',
    amountMinor: reported.amountMinor,
    message: `the provider reported ${mismatch.amountMinor} ${mismatch.currency} minor units; we sent ${txn.amountMinor} ${txn.currency}`,
  });
  log?.warn({ transactionId: txn.id, reported: mismatch, sent: { amountMinor: String(txn.amountMinor), currency: txn.currency } }, 'provider amount mismatch');
}

/**
 * What the provider approved: the amount it reported when that is less than we asked for, in our currency (a
 * partial approval), else the amount asked. A sale counts it as captured; captures of an authorization are
 * bounded by it. A larger or other-currency report stays a recorded mismatch and is never counted as money.
 */
export function approvedMinor(txn: Pick<Transaction, 'amountMinor' | 'currency' | 'mismatch'>): bigint {
  const asked = BigInt(txn.amountMinor);
  if (!txn.mismatch || txn.mismatch.currency !== txn.currency) return asked;
  const reported = BigInt(txn.mismatch.amountMinor);
  return reported > 0n && reported < asked ? reported : asked;
}

/** JSON for the jsonb column: fee amounts as minor-unit strings (bigint has no JSON form). */
export function storedAction(action: NextAction): Record<string, unknown> {
  if (action.type !== 'fee_selection') return { ...action };
  const options = action.options.map((o) => ({ id: o.id, label: o.label, amountMinor: o.fee.amountMinor.toString(), currency: o.fee.currency }));
  return { type: action.type, options };
}
