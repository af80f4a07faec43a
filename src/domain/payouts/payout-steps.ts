import { LockMode } from '@mikro-orm/core';
import { facetOf } from '../../providers/registry';
import { inTransaction } from '../engine/in-transaction';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { askStatus, notFoundAsFailure } from '../engine/provider-status';
import { callProvider, type CallResult } from '../engine/provider-call';
import { beginStep, type StepDeclaration } from '../engine/steps';
import type { StoredResponse } from '../idempotency/idempotency.service';
import { applyPayoutResult, isPayoutOpen } from './apply-payout';
import { Payout, PayoutStatus, PayoutStep } from './payout.entity';

/** A payout whose provider validates first (PayoutsFacet.validates): two calls, each its own recovery point. */
export const PAYOUT_STEPS: readonly StepDeclaration[] = [
  { name: PayoutStep.VALIDATE, movesMoney: false, recovery: 'status' },
  { name: PayoutStep.PAYOUT, movesMoney: true, recovery: 'status' },
];

/** Records a payout call's answer (either step) under the row lock. */
export async function recordPayout(env: PaymentsEnv, id: string, result: CallResult): Promise<void> {
  await inTransaction(env.em, async (tx) => {
    const payout = await tx.findOneOrFail(Payout, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    applyPayoutResult(payout, result.kind === 'outcome' ? await notFoundAsFailure(env, tx, result.outcome, payout.callStartedAt) : result);
  });
}

/**
 * The pay-out step of a validated payout, sent at most once: beginStep moves the row from the validation to
 * the pay-out in one committed, conditional statement before the call, so of the live request and the
 * reconciler only one sends it, and after a crash the row shows the pay-out may have been sent.
 */
export async function payOutValidated(env: PaymentsEnv, id: string): Promise<void> {
  const em = env.em.fork();
  const begun = await beginStep(em, Payout, id, { from: PayoutStep.VALIDATE, to: PayoutStep.PAYOUT, status: PayoutStatus.VALIDATED });
  if (!begun) return;
  const payout = await em.findOneOrFail(Payout, { id }, { populate: ['site'], refresh: true });
  const adapter = await adapterFor(env, em, payout.site, payout.provider);
  const request = { reference: payout.reference, providerTransactionId: payout.providerTransactionId, amount: { amountMinor: BigInt(payout.amountMinor), currency: payout.currency } };
  const result = await callProvider(deadlineOf(env), (options) => facetOf(adapter, 'payouts').capture!(request, options));
  await recordPayout(env, id, result);
}

/**
 * Resolves a payout: a validated payout whose pay-out never began gets it now (nothing moved yet, so it is
 * sent once); otherwise the provider is asked about the step on the row — the validation or the pay-out —
 * and never sent it again. A validation the answer confirms goes on to its pay-out.
 */
export async function resolvePayout(env: PaymentsEnv, id: string): Promise<StoredResponse> {
  const em = env.em.fork();
  const payout = await em.findOne(Payout, { id }, { populate: ['site'] });
  if (!payout || !isPayoutOpen(payout)) return { payoutId: id };
  if (!(payout.step === PayoutStep.VALIDATE && payout.status === PayoutStatus.VALIDATED)) {
    const amount = { amountMinor: BigInt(payout.amountMinor), currency: payout.currency };
    const outcome = await askStatus(env, em, payout.site, payout.provider, { operation: 'payout', reference: payout.reference, providerTransactionId: payout.providerTransactionId, amount });
    if (!outcome) return { payoutId: id };
    await recordPayout(env, id, { kind: 'outcome', outcome });
  }
  await payOutValidated(env, id);
  return { payoutId: id };
}
