import { facetOf } from '../../providers/registry';
import { inTransaction } from '../engine/in-transaction';
import { lockMovement } from '../engine/lock-movement';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { askStatus, notFoundAsFailure } from '../engine/provider-status';
import { callProvider, type CallResult } from '../engine/provider-call';
import { resolveValidated, sendMoneyStep, validatedSteps, type ValidatedMovement } from '../engine/validated-steps';
import { settleOrder } from '../payments/order-settlement';
import { applyRefundResult, isRefundOpen } from './apply-refund';
import { Refund, RefundStatus, RefundStep } from './refund.entity';

/** Records a refund call's answer (either step) under the payment's lock, then the refund's. */
export async function recordRefund(env: PaymentsEnv, id: string, result: CallResult): Promise<void> {
  await inTransaction(env.em, async (tx) => {
    const rows = await lockMovement(tx, Refund, id);
    const [txn, refund] = [rows.txn.row, rows.movement.row];
    applyRefundResult(rows.txn.events, txn, refund, result.kind === 'outcome' ? await notFoundAsFailure(env, tx, result.outcome, refund.callStartedAt) : result);
    await rows.write();
    await settleOrder(tx, txn, env.log);
  });
}

const amountOf = (refund: Refund) => ({ amountMinor: BigInt(refund.amountMinor), currency: refund.currency });
const paymentOf = (refund: Refund) => ({ reference: refund.transaction.reference, providerTransactionId: refund.transaction.providerTransactionId });

/** The status question about a refund (its transaction and the transaction's order populated). */
export const refundStatusRequest = (refund: Refund) => ({
  operation: 'refund' as const,
  reference: refund.reference,
  providerTransactionId: refund.providerTransactionId,
  providerOrderId: refund.transaction.order?.providerOrderId,
  payment: paymentOf(refund),
  amount: amountOf(refund),
});

/** A refund whose provider validates first (RefundsFacet.validates): validate, then capture. */
const VALIDATED_REFUND: ValidatedMovement = {
  entity: Refund,
  validated: RefundStatus.VALIDATED,
  steps: { validate: RefundStep.VALIDATE, money: RefundStep.CAPTURE },
  record: recordRefund,
  async sendMoneyStep(env, em, id) {
    const refund = await em.findOneOrFail(Refund, { id }, { populate: ['site', 'transaction'], refresh: true });
    const adapter = await adapterFor(env, em, refund.site, refund.transaction.provider);
    const request = { reference: refund.reference, providerTransactionId: refund.providerTransactionId, payment: paymentOf(refund), amount: amountOf(refund) };
    return callProvider(deadlineOf(env), (options) => facetOf(adapter, 'refunds').capture!(request, options));
  },
  async openRow(em, id) {
    const refund = await em.findOne(Refund, { id });
    return refund && isRefundOpen(refund) ? { step: refund.step, status: refund.status } : undefined;
  },
  async ask(env, em, id) {
    const refund = await em.findOneOrFail(Refund, { id }, { populate: ['site', 'transaction', 'transaction.order'] });
    return askStatus(env, em, refund.site, refund.transaction.provider, refundStatusRequest(refund));
  },
};

export const REFUND_STEPS = validatedSteps(VALIDATED_REFUND.steps);

/** The capture of a validated refund, sent at most once (engine/validated-steps.ts). */
export const captureValidatedRefund = (env: PaymentsEnv, id: string) => sendMoneyStep(env, VALIDATED_REFUND, id);

/** Resolves a refund in one call or in steps: asks about the step on the row, never refunds twice. */
export async function resolveRefund(env: PaymentsEnv, id: string): Promise<void> {
  await resolveValidated(env, VALIDATED_REFUND, id);
}
