import { assertNever } from '../assert-never';
import { failureOf, operationResultOf } from '../engine/outcome-status';
import { errorResult, type CallResult } from '../engine/provider-call';
import { PayoutStatus, type Payout } from './payout.entity';

export function isPayoutOpen(payout: Payout): boolean {
  return [PayoutStatus.PENDING, PayoutStatus.VALIDATED, PayoutStatus.OUTCOME_UNKNOWN].includes(payout.status);
}

/** Only an open payout changes: a repeated report pays nothing twice. */
export function applyPayoutResult(payout: Payout, result: CallResult): void {
  if (!isPayoutOpen(payout)) return;
  if (result.kind === 'error') {
    const failure = errorResult(result.error);
    payout.status = failure.unknown ? PayoutStatus.OUTCOME_UNKNOWN : PayoutStatus.FAILED;
    if (!failure.unknown) Object.assign(payout, { failureCode: failure.code, failureReason: failure.reason });
    return;
  }
  const outcome = result.outcome;
  if (outcome.providerTransactionId) payout.providerPayoutId ??= outcome.providerTransactionId;
  const verdict = operationResultOf(outcome);
  switch (verdict) {
    case 'pending':
      return;
    case 'failed': {
      const failure = failureOf(outcome);
      const status = outcome.status === 'declined' ? PayoutStatus.DECLINED : PayoutStatus.FAILED;
      Object.assign(payout, { status, failureCode: failure?.code, failureReason: failure?.reason });
      return;
    }
    case 'succeeded':
      payout.status = PayoutStatus.SUCCEEDED;
      return;
    default:
      assertNever(verdict);
  }
}
