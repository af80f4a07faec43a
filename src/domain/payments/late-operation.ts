import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProviderOutcome } from '../../providers/provider';
import { inTransaction } from '../engine/in-transaction';
import { NOT_RECEIVED_WHERE } from '../integrity-triggers';
import { lateSuccessLogged, NOT_RECEIVED, type LateSuccess } from '../engine/late-success';
import { lockMovement } from '../engine/lock-movement';
import type { PaymentsEnv } from '../engine/payments-env';
import { recordEvent } from '../transactions/transaction-transitions';
import { TransactionStatus } from '../transactions/transaction-status';
import { approvedMinor } from './apply-outcome';
import { succeed } from './apply-operation';
import { settleOrder } from './order-settlement';
import { PaymentOperation, PaymentOperationKind, PaymentOperationStatus } from './payment-operation.entity';

const ended = (op: PaymentOperation) => op.status === PaymentOperationStatus.FAILED && op.failureCode === NOT_RECEIVED;
/** What the provider's status says when it made the operation: a capture succeeded, a void cancelled. */
const made = (op: PaymentOperation, outcome: ProviderOutcome) => outcome.status === (op.kind === PaymentOperationKind.CAPTURE ? 'succeeded' : 'cancelled');

/** A capture or void the gateway failed as not received, and that the provider made later (engine/late-success.ts). */
export const LATE_OPERATION: LateSuccess = {
  endedWhere: NOT_RECEIVED_WHERE,
  async inquiry(em, id) {
    const op = await em.findOne(PaymentOperation, { id }, { populate: ['transaction', 'site'] });
    if (!op || !ended(op)) return undefined;
    const txn = op.transaction;
    const payment = { reference: txn.reference, providerTransactionId: txn.providerTransactionId };
    const operation = op.kind === PaymentOperationKind.CAPTURE ? ('capture' as const) : ('cancel' as const);
    const amount = { amountMinor: BigInt(op.amountMinor), currency: op.currency };
    return { site: op.site, provider: txn.provider, request: { operation, reference: op.reference, providerTransactionId: op.providerTransactionId, payment, amount } };
  },
  correct: (env, id, outcome) => inTransaction(env.em, (tx) => correctOperation(env, tx, id, outcome)),
  endedOf: async (em, paymentId) =>
    (await em.find(PaymentOperation, { transaction: paymentId, status: PaymentOperationStatus.FAILED, failureCode: NOT_RECEIVED })).map((op) => ({ kind: 'operation' as const, id: op.id })),
};

/**
 * Under the payment's lock, then the operation's. The card gateway reports a capture or void on the payment, not
 * per operation, so the answer is this operation's only while the payment can still take it: still AUTHORIZED,
 * with room for the amount, and no other capture or void having moved since. Otherwise operators are told.
 */
async function correctOperation(env: PaymentsEnv, tx: EntityManager, id: string, outcome: ProviderOutcome): Promise<boolean> {
  const rows = await lockMovement(tx, PaymentOperation, id);
  const [txn, op] = [rows.txn.row, rows.movement.row];
  if (!ended(op) || !made(op, outcome)) return false;
  const others = await tx.count(PaymentOperation, { transaction: txn.id, id: { $ne: id }, status: { $ne: PaymentOperationStatus.FAILED }, createdAt: { $gt: op.createdAt } });
  const capture = op.kind === PaymentOperationKind.CAPTURE;
  const fits = !capture || BigInt(txn.capturedMinor) + BigInt(op.amountMinor) <= approvedMinor(txn);
  if (txn.status !== TransactionStatus.AUTHORIZED || others > 0 || !fits) {
    env.log.error({ operationId: id, transactionId: txn.id, status: txn.status, laterOperations: others }, 'late provider success not applied: the provider reports the operation made, but the payment has moved since; an operator must reconcile this payment');
    return false;
  }
  const from = txn.status;
  const inferred = op.failureCode;
  Object.assign(op, { status: PaymentOperationStatus.SUCCEEDED, failureCode: null, failureReason: null, failureReasonCode: null });
  const final = !capture || !env.registry.module(txn.provider).facets.payments.capture?.multiple;
  succeed(rows.txn.events, txn, op, final);
  const movement = capture ? 'capture' : 'void';
  const message = lateSuccessLogged(env, movement, { operationId: id, transactionId: txn.id, provider: txn.provider, inferred });
  recordEvent(rows.txn.events, txn, { type: 'late_success', amountMinor: op.amountMinor, message, data: { movement, operationId: id, inferred, providerStatus: outcome.providerStatus, source: 'status' } }, from, txn.status);
  await rows.write();
  await settleOrder(tx, txn, env.log);
  return true;
}
