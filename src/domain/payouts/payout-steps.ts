import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { facetOf } from '../../providers/registry';
import { inTransaction } from '../engine/in-transaction';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { askStatus, notFoundAsFailure } from '../engine/provider-status';
import { callProvider, type CallResult } from '../engine/provider-call';
import { resolveValidated, sendMoneyStep, validatedSteps, type ValidatedMovement } from '../engine/validated-steps';
import type { StoredResponse } from '../idempotency/idempotency.service';
import { applyPayoutResult, isPayoutOpen } from './apply-payout';
import { Payout, PayoutStatus, PayoutStep } from './payout.entity';

/** Records a payout call's answer (either step) under the row lock. */
export async function recordPayout(env: PaymentsEnv, id: string, result: CallResult): Promise<void> {
  await inTransaction(env.em, async (tx) => {
    const payout = await tx.findOneOrFail(Payout, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    applyPayoutResult(payout, result.kind === 'outcome' ? await notFoundAsFailure(env, tx, result.outcome, payout.callStartedAt) : result);
  });
}

/** The pay-out call of a validated payout, built from the row alone; the caller has begun its step. */
export async function payOutCall(env: PaymentsEnv, em: EntityManager, id: string): Promise<CallResult> {
  const payout = await em.findOneOrFail(Payout, { id }, { populate: ['site'], refresh: true });
  const adapter = await adapterFor(env, em, payout.site, payout.provider);
  const request = { reference: payout.reference, providerTransactionId: payout.providerTransactionId, amount: { amountMinor: BigInt(payout.amountMinor), currency: payout.currency } };
  return callProvider(deadlineOf(env), (options) => facetOf(adapter, 'payouts').capture!(request, options));
}

/** A payout whose provider validates first (PayoutsFacet.validates): validate, then pay out. */
const VALIDATED_PAYOUT: ValidatedMovement = {
  entity: Payout,
  validated: PayoutStatus.VALIDATED,
  steps: { validate: PayoutStep.VALIDATE, money: PayoutStep.PAYOUT },
  record: recordPayout,
  sendMoneyStep: (env, em, id) => payOutCall(env, em, id),
  async openRow(em, id) {
    const payout = await em.findOne(Payout, { id });
    return payout && isPayoutOpen(payout) ? { step: payout.step, status: payout.status, held: payout.validateOnly } : undefined;
  },
  async ask(env, em, id) {
    const payout = await em.findOneOrFail(Payout, { id }, { populate: ['site'] });
    const amount = { amountMinor: BigInt(payout.amountMinor), currency: payout.currency };
    return askStatus(env, em, payout.site, payout.provider, { operation: 'payout', reference: payout.reference, providerTransactionId: payout.providerTransactionId, amount });
  },
};

export const PAYOUT_STEPS = validatedSteps(VALIDATED_PAYOUT.steps);

/** The pay-out of a validated payout, sent at most once (engine/validated-steps.ts). */
export const payOutValidated = (env: PaymentsEnv, id: string) => sendMoneyStep(env, VALIDATED_PAYOUT, id);

/** Resolves a payout in one call or in steps: asks about the step on the row, never sends money twice. */
export async function resolvePayout(env: PaymentsEnv, id: string): Promise<StoredResponse> {
  await resolveValidated(env, VALIDATED_PAYOUT, id);
  return { payoutId: id };
}
