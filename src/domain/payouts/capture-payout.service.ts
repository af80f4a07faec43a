import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { InvalidStateError, NotFoundError } from '../../kernel/errors';
import type { RefusalFields } from '../engine/movement-refusal';
import type { PaymentsEnv } from '../engine/payments-env';
import { runPhases } from '../engine/phases';
import type { CallResult } from '../engine/provider-call';
import { callerScope, type Principal } from '../sites/principal';
import { applyPayoutResult } from './apply-payout';
import { payOutCall } from './payout-steps';
import { Payout, PayoutStatus, PayoutStep } from './payout.entity';

const FIELD = ['input', 'payoutId'];

/** capturePayout names only the payout: every refusal of its pay-out points there. */
export const CAPTURE_PAYOUT_REFUSAL_FIELDS: RefusalFields = { request: FIELD };

export interface CapturePayoutCommand {
  payoutId: string;
}

/**
 * Pays out a VALIDATED payout (createPayout validateOnly) through the three phases. Phase 1 locks the row and
 * moves it from the validation to the pay-out step before anything is sent: of two racing captures, or a
 * capture and the reconciler, exactly one finds the row still waiting, and the other is told its state. Once
 * the step is committed the pay-out is never sent again; a crash leaves recovery only asking the provider.
 */
export async function capturePayout(env: PaymentsEnv, principal: Principal, cmd: CapturePayoutCommand, key?: string) {
  return runPhases<{ payoutId: string }, CallResult>(env, { scope: callerScope(principal), key, operation: 'capturePayout', input: cmd }, {
    prepare: (tx) => beginPayOut(tx, cmd.payoutId),
    call: (s) => payOutCall(env, env.em.fork(), s.payoutId),
    record: async (tx, s, result) => {
      const payout = await tx.findOneOrFail(Payout, { id: s.payoutId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      applyPayoutResult(payout, result);
      await tx.flush();
      return { payoutId: payout.id };
    },
  });
}

async function beginPayOut(tx: EntityManager, id: string) {
  const payout = await tx.findOne(Payout, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!payout) throw new NotFoundError('payout', FIELD);
  if (payout.status !== PayoutStatus.VALIDATED) {
    throw new InvalidStateError(`the payout is ${payout.status.toLowerCase()}; only a VALIDATED payout (createPayout validateOnly) can be paid out`, FIELD);
  }
  if (payout.step !== PayoutStep.VALIDATE) throw new InvalidStateError('the payout is already being paid out', FIELD);
  payout.step = PayoutStep.PAYOUT;
  await tx.flush();
  return { payoutId: payout.id, movement: { kind: 'payout' as const, id: payout.id } };
}
