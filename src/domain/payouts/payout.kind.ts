import type { MovementKind } from '../engine/movement-kind';
import { isPayoutOpen } from './apply-payout';
import { LATE_PAYOUT } from './late-payout';
import { Payout, PayoutStatus } from './payout.entity';
import { PAYOUT_STEPS, recordPayout, resolvePayout } from './payout-steps';

const OPEN = [PayoutStatus.PENDING, PayoutStatus.VALIDATED, PayoutStatus.OUTCOME_UNKNOWN];
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const found = (payout: Payout | null) => (payout ? { ref: { kind: 'payout' as const, id: payout.id }, site: payout.site } : undefined);

/** A payout to a card or saved method (the `payout` table): one call, or validate then pay out. */
export const payoutKind: MovementKind = {
  name: 'payout',
  table: 'payout',
  openStatuses: OPEN,
  answerFields: ['payoutId'],
  // A validate-only payout, once VALIDATED, waits for capturePayout: nothing to ask, nothing to send.
  due: { where: `status in (${list(OPEN)}) and call_started_at < now() - :pendingAfter and not (validate_only and status = 'VALIDATED' and step = 'validate')`, since: 'created_at' },
  // The status question of an open payout is asked by its steps (payout-steps.ts), which resolve it.
  async view(em, id) {
    return (await em.findOne(Payout, { id }, { fields: ['id'] })) ? { answer: { payoutId: id } } : undefined;
  },
  steps: PAYOUT_STEPS,
  apply: (env, id, outcome) => recordPayout(env, id, { kind: 'outcome', outcome }),
  resolve: resolvePayout,
  lateSuccess: LATE_PAYOUT,
  findByReference: async (em, provider, reference) => found(await em.findOne(Payout, { reference, provider }, { populate: ['site'] })),
  findByProviderId: async (em, provider, providerTransactionId) => found(await em.findOne(Payout, { providerTransactionId, provider }, { populate: ['site'] })),
  async openRow(em, id) {
    const payout = await em.findOne(Payout, { id });
    return payout && isPayoutOpen(payout) ? { ref: { kind: 'payout', id }, status: payout.status, callStartedAt: payout.callStartedAt } : undefined;
  },
};
