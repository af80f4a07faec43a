import { LockMode } from '@mikro-orm/core';
import { inTransaction } from '../engine/in-transaction';
import { NOT_RECEIVED_WHERE } from '../integrity-triggers';
import { lateSuccessLogged, NOT_RECEIVED, type LateSuccess } from '../engine/late-success';
import { Payout, PayoutStatus } from './payout.entity';

const ended = (payout: Payout) => payout.status === PayoutStatus.FAILED && payout.failureCode === NOT_RECEIVED;

/**
 * A payout the gateway failed as not received, and that the provider paid out later (engine/late-success.ts).
 * Its status is its money: SUCCEEDED under the row lock is the whole correction; the status change is what
 * the `payout.updated` webhook and the live change carry (previous status FAILED), and the error log tells
 * operators — the merchant may have paid out again. A payout has no event history of its own to record in.
 */
export const LATE_PAYOUT: LateSuccess = {
  endedWhere: NOT_RECEIVED_WHERE,
  async inquiry(em, id) {
    const payout = await em.findOne(Payout, { id }, { populate: ['site'] });
    if (!payout || !ended(payout)) return undefined;
    const amount = { amountMinor: BigInt(payout.amountMinor), currency: payout.currency };
    return { site: payout.site, provider: payout.provider, request: { operation: 'payout', reference: payout.reference, providerTransactionId: payout.providerTransactionId, amount } };
  },
  async correct(env, id, outcome) {
    if (outcome.status !== 'succeeded') return false;
    return inTransaction(env.em, async (tx) => {
      const payout = await tx.findOneOrFail(Payout, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (!ended(payout)) return false;
      const inferred = payout.failureCode;
      Object.assign(payout, { status: PayoutStatus.SUCCEEDED, failureCode: null, failureReason: null, failureReasonCode: null, failureField: null });
      if (outcome.providerTransactionId) payout.providerTransactionId ??= outcome.providerTransactionId;
      lateSuccessLogged(env, 'payout', { payoutId: id, provider: payout.provider, inferred, providerStatus: outcome.providerStatus });
      return true;
    });
  },
};
