import { assertNever } from '../../kernel/assert-never';
import type { ProviderOutcome, Refusal } from '../../providers/provider';
import { TransactionStatus } from '../transactions/transaction-status';

/**
 * Provider outcome → transaction status. `not_found` has no status of its own: only the reconciler may turn
 * it into FAILED, and only once the call that would have created the payment has certainly ended.
 */
export function paymentStatusOf(outcome: ProviderOutcome): TransactionStatus | 'not_found' {
  switch (outcome.status) {
    case 'succeeded':
      return TransactionStatus.SUCCEEDED;
    case 'authorized':
      return TransactionStatus.AUTHORIZED;
    case 'requires_action':
      return outcome.action.type === 'fee_selection' ? TransactionStatus.AWAITING_FEE_SELECTION : TransactionStatus.REQUIRES_ACTION;
    case 'processing':
      return TransactionStatus.PROCESSING;
    case 'cancelled':
      return TransactionStatus.CANCELLED;
    case 'declined':
      return TransactionStatus.DECLINED;
    case 'failed':
      return TransactionStatus.FAILED;
    case 'not_found':
      return 'not_found';
    default:
      return assertNever(outcome);
  }
}

export type OperationResult = 'succeeded' | 'failed' | 'pending';

/** For captures, voids, refunds and payouts, which either happened, did not, or are still going. */
export function operationResultOf(outcome: ProviderOutcome): OperationResult {
  switch (outcome.status) {
    case 'succeeded':
    case 'authorized':
    case 'cancelled':
      return 'succeeded';
    case 'declined':
    case 'failed':
      return 'failed';
    case 'requires_action':
    case 'processing':
    case 'not_found':
      return 'pending';
    default:
      return assertNever(outcome);
  }
}

export function failureOf(outcome: ProviderOutcome): Refusal | undefined {
  return outcome.status === 'declined' || outcome.status === 'failed' ? { code: outcome.code, reason: outcome.reason, reasonCode: outcome.reasonCode, field: outcome.field } : undefined;
}
