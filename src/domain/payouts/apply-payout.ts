import { assertNever } from '../../kernel/assert-never';
import { failureOf, operationResultOf } from '../engine/outcome-status';
import { errorResult, type CallResult } from '../engine/provider-call';
import { PayoutStatus, PayoutStep, type Payout } from './payout.entity';

export function isPayoutOpen(payout: Payout): boolean {
  return [PayoutStatus.PENDING, PayoutStatus.VALIDATED, PayoutStatus.OUTCOME_UNKNOWN].includes(payout.status);
}

/**
 * Only an open payout changes: a repeated report pays nothing twice. The step in flight says what a result
 * means: during the validation it is the validation's; during the pay-out of a validated payout, "authorized"
 * (validated only) says the pay-out has not landed yet.
 */
export function applyPayoutResult(payout: Payout, result: CallResult): void {
  if (!isPayoutOpen(payout)) return;
  if (payout.step === PayoutStep.VALIDATE) return applyValidation(payout, result);
  if (payout.step === PayoutStep.PAYOUT && result.kind === 'outcome' && result.outcome.status === 'authorized') return;
  applyFinalStep(payout, result);
}

/** A validation's answer: VALIDATED (nothing moved yet), refused, or unknown; a repeated answer changes nothing. */
function applyValidation(payout: Payout, result: CallResult): void {
  if (payout.status === PayoutStatus.VALIDATED) return;
  if (result.kind === 'outcome' && result.outcome.status === 'authorized') {
    if (result.outcome.providerTransactionId) payout.providerTransactionId ??= result.outcome.providerTransactionId;
    payout.status = PayoutStatus.VALIDATED;
    return;
  }
  applyFinalStep(payout, result);
}

function applyFinalStep(payout: Payout, result: CallResult): void {
  if (result.kind === 'error') {
    const failure = errorResult(result.error);
    payout.status = failure.unknown ? PayoutStatus.OUTCOME_UNKNOWN : PayoutStatus.FAILED;
    if (!failure.unknown) Object.assign(payout, { failureCode: failure.code, failureReason: failure.reason, failureReasonCode: failure.reasonCode });
    return;
  }
  const outcome = result.outcome;
  if (outcome.providerTransactionId) payout.providerTransactionId ??= outcome.providerTransactionId;
  const verdict = operationResultOf(outcome);
  switch (verdict) {
    case 'pending':
      return;
    case 'failed': {
      const failure = failureOf(outcome);
      const status = outcome.status === 'declined' ? PayoutStatus.DECLINED : PayoutStatus.FAILED;
      Object.assign(payout, { status, failureCode: failure?.code, failureReason: failure?.reason, failureReasonCode: failure?.reasonCode, failureField: failure?.field });
      return;
    }
    case 'succeeded':
      payout.status = PayoutStatus.SUCCEEDED;
      return;
    default:
      assertNever(verdict);
  }
}
