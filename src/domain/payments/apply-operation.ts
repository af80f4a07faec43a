import type { EntityManager } from '@mikro-orm/postgresql';
import { assertNever } from '../../kernel/assert-never';
import { TransactionStatus } from '../transactions/transaction-status';
import type { Transaction } from '../transactions/transaction.entity';
import { moveTo, recordEvent } from '../transactions/transaction-transitions';
import { approvedMinor } from './apply-outcome';
import { failureOf, operationResultOf } from '../engine/outcome-status';
import { PaymentOperationKind, PaymentOperationStatus, type PaymentOperation } from './payment-operation.entity';
import { errorResult, type CallResult } from '../engine/provider-call';

const OPEN = [PaymentOperationStatus.PENDING, PaymentOperationStatus.OUTCOME_UNKNOWN];

export function isOpen(op: PaymentOperation): boolean {
  return OPEN.includes(op.status);
}

/** The history entry of a capture or void: capture_requested, cancel_failed, capture_outcome_unknown, … */
export function operationEvent(kind: PaymentOperationKind, stage: 'requested' | 'failed' | 'outcome_unknown') {
  return `${kind === PaymentOperationKind.CAPTURE ? 'capture' : 'cancel'}_${stage}` as const;
}

/**
 * Applies a capture or void result to the locked transaction. Only an open operation changes, so a repeat
 * (callback after the response, reconciler after the callback) adds nothing twice.
 */
export function applyOperationResult(em: EntityManager, txn: Transaction, op: PaymentOperation, result: CallResult, final: boolean): void {
  if (!isOpen(op)) return;
  if (result.kind === 'error') {
    const failure = errorResult(result.error);
    op.status = failure.unknown ? PaymentOperationStatus.OUTCOME_UNKNOWN : PaymentOperationStatus.FAILED;
    if (!failure.unknown) Object.assign(op, { failureCode: failure.code, failureReason: failure.reason, failureReasonCode: failure.reasonCode });
    recordEvent(em, txn, { type: operationEvent(op.kind, failure.unknown ? 'outcome_unknown' : 'failed'), amountMinor: op.amountMinor, message: failure.reason });
    return;
  }
  const outcome = result.outcome;
  const verdict = operationResultOf(outcome);
  if (outcome.providerTransactionId) op.providerTransactionId ??= outcome.providerTransactionId;
  switch (verdict) {
    case 'pending':
      return;
    case 'failed': {
      const failure = failureOf(outcome);
      Object.assign(op, { status: PaymentOperationStatus.FAILED, failureCode: failure?.code, failureReason: failure?.reason, failureReasonCode: failure?.reasonCode });
      recordEvent(em, txn, { type: operationEvent(op.kind, 'failed'), amountMinor: op.amountMinor, message: failure?.reason, data: { code: failure?.code } });
      return;
    }
    case 'succeeded':
      op.status = PaymentOperationStatus.SUCCEEDED;
      succeed(em, txn, op, final);
      return;
    default:
      assertNever(verdict);
  }
}

/** A capture or void that moved money: the payment's captured amount and status follow (also for a late success). */
export function succeed(em: EntityManager, txn: Transaction, op: PaymentOperation, final: boolean): void {
  switch (op.kind) {
    case PaymentOperationKind.CAPTURE: {
      txn.capturedMinor = BigInt(txn.capturedMinor) + BigInt(op.amountMinor);
      const done = final || txn.capturedMinor >= approvedMinor(txn);
      if (!done || !moveTo(em, txn, TransactionStatus.SUCCEEDED, { type: 'captured', amountMinor: op.amountMinor })) {
        recordEvent(em, txn, { type: 'captured', amountMinor: op.amountMinor });
      }
      return;
    }
    case PaymentOperationKind.CANCEL:
      moveTo(em, txn, TransactionStatus.CANCELLED, { type: 'cancelled', amountMinor: op.amountMinor });
      return;
    default:
      assertNever(op.kind);
  }
}
