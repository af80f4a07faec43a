import type { EntityManager } from '@mikro-orm/postgresql';
import { assertNever } from '../../kernel/assert-never';
import { failureOf, operationResultOf } from '../engine/outcome-status';
import { errorResult, type CallResult } from '../engine/provider-call';
import type { Transaction } from '../transactions/transaction.entity';
import { recordEvent } from '../transactions/transaction-transitions';
import { RefundStatus, RefundStep, type Refund } from './refund.entity';

export function isRefundOpen(refund: Refund): boolean {
  return [RefundStatus.PENDING, RefundStatus.VALIDATED, RefundStatus.OUTCOME_UNKNOWN].includes(refund.status);
}

/**
 * Applies a refund result to the locked transaction; only an open refund changes, so repeats add nothing. The
 * step in flight says what "authorized" means: during the validation, VALIDATED (nothing moved); during the
 * capture of a validated refund, that the capture has not landed yet (no change).
 */
export function applyRefundResult(em: EntityManager, txn: Transaction, refund: Refund, result: CallResult): void {
  if (!isRefundOpen(refund)) return;
  if (result.kind === 'outcome' && result.outcome.status === 'authorized' && refund.step) {
    if (refund.step === RefundStep.CAPTURE || refund.status === RefundStatus.VALIDATED) return;
    if (result.outcome.providerTransactionId) refund.providerTransactionId ??= result.outcome.providerTransactionId;
    refund.status = RefundStatus.VALIDATED;
    recordEvent(em, txn, { type: 'refund_validated', amountMinor: refund.amountMinor });
    return;
  }
  if (result.kind === 'error') {
    const failure = errorResult(result.error);
    refund.status = failure.unknown ? RefundStatus.OUTCOME_UNKNOWN : RefundStatus.FAILED;
    if (!failure.unknown) Object.assign(refund, { failureCode: failure.code, failureReason: failure.reason, failureReasonCode: failure.reasonCode });
    recordEvent(em, txn, { type: failure.unknown ? 'refund_outcome_unknown' : 'refund_failed', amountMinor: refund.amountMinor, message: failure.reason });
    return;
  }
  const verdict = operationResultOf(result.outcome);
  if (result.outcome.providerTransactionId) refund.providerTransactionId ??= result.outcome.providerTransactionId;
  switch (verdict) {
    case 'pending':
      return;
    case 'failed': {
      const failure = failureOf(result.outcome);
      const status = result.outcome.status === 'declined' ? RefundStatus.DECLINED : RefundStatus.FAILED;
      Object.assign(refund, { status, failureCode: failure?.code, failureReason: failure?.reason, failureReasonCode: failure?.reasonCode, failureField: failure?.field });
      recordEvent(em, txn, { type: status === RefundStatus.DECLINED ? 'refund_declined' : 'refund_failed', amountMinor: refund.amountMinor, message: failure?.reason, data: { code: failure?.code } });
      return;
    }
    case 'succeeded':
      refund.status = RefundStatus.SUCCEEDED;
      txn.refundedMinor = BigInt(txn.refundedMinor) + BigInt(refund.amountMinor);
      recordEvent(em, txn, { type: 'refunded', amountMinor: refund.amountMinor, message: refund.reason });
      return;
    default:
      assertNever(verdict);
  }
}
