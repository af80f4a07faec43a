import type { EntityManager } from '@mikro-orm/postgresql';
import type { MovementKind, OpenMovement } from '../engine/movement-kind';
import { isUnsettled } from '../transactions/transaction-state';
import { TransactionStatus as S } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { isInferredEnd, LATE_PAYMENT } from './late-success';
import { PAYMENT_STEPS, PaymentStep } from './payment-steps';
import { applyPaymentResult, resolvePayment } from './resolve-payment';
import { recordSignedAmount } from './signed-amount';

const OPEN = [S.PENDING, S.PROCESSING, S.REQUIRES_ACTION, S.AWAITING_FEE_SELECTION, S.OUTCOME_UNKNOWN];
/** Statuses the customer or the provider still has to move; AWAITING_FEE_SELECTION waits for the customer only. */
const POLLED = [S.OUTCOME_UNKNOWN, S.PROCESSING, S.REQUIRES_ACTION];
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

const found = (txn: Transaction | null) => (txn ? { ref: { kind: 'payment' as const, id: txn.id }, site: txn.site } : undefined);

/** A payment (the `transaction` table): one provider call, or tokenize-and-pay, or pay → customer → complete. */
export const paymentKind: MovementKind = {
  name: 'payment',
  table: 'transaction',
  openStatuses: OPEN,
  answerFields: ['transactionId', 'paymentMethodId'],
  steps: PAYMENT_STEPS,
  due: {
    // A fee choice sent (step complete) whose answer never came is asked about like any call in flight.
    where: `(status in (${list(POLLED)}) and updated_at < now() - :after) or (status = '${S.PENDING}' and call_started_at < now() - :pendingAfter)
      or (status = '${S.AWAITING_FEE_SELECTION}' and step = '${PaymentStep.COMPLETE}' and call_started_at < now() - :pendingAfter)`,
    since: 'updated_at',
  },
  view: async (_em, id) => ({ answer: { transactionId: id } }),
  apply: async (env, id, outcome, source) => void (await applyPaymentResult(env, id, outcome, source)),
  resolve: resolvePayment,
  lateSuccess: LATE_PAYMENT,
  noteSignedAmount: recordSignedAmount,
  findByReference: async (em, provider, reference) => found(await em.findOne(Transaction, { reference, provider }, { populate: ['site'] })),
  findByProviderId: async (em, provider, providerTransactionId) => found(await em.findOne(Transaction, { providerTransactionId, provider }, { populate: ['site'] })),
  openRow: async (em, id) => openPayment(em, id),
};

/**
 * Open for a callback: unsettled, or ended by the gateway's inference (not received, customer step expired),
 * which a verified callback may show wrong — the status query then decides (a late success).
 */
async function openPayment(em: EntityManager, id: string): Promise<OpenMovement | undefined> {
  const txn = await em.findOne(Transaction, { id });
  const open = txn && (isUnsettled(txn.status) || isInferredEnd(txn));
  return open ? { ref: { kind: 'payment', id }, status: txn.status, callStartedAt: txn.callStartedAt } : undefined;
}

