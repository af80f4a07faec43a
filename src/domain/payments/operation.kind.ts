import type { EntityManager } from '@mikro-orm/postgresql';
import type { OperationKind } from '../../providers/provider';
import { inTransaction } from '../engine/in-transaction';
import { lockMovement } from '../engine/lock-movement';
import type { MovementKind, OpenMovement } from '../engine/movement-kind';
import { notFoundAsFailure } from '../engine/provider-status';
import { applyOperationResult } from './apply-operation';
import { LATE_OPERATION } from './late-operation';
import { settleOrder } from './order-settlement';
import { PaymentOperation, PaymentOperationKind, PaymentOperationStatus } from './payment-operation.entity';

const OPEN = [PaymentOperationStatus.PENDING, PaymentOperationStatus.OUTCOME_UNKNOWN];
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
const isOpen = (op: PaymentOperation) => OPEN.includes(op.status);
const open = (op: PaymentOperation): OpenMovement => ({ ref: { kind: 'operation', id: op.id }, status: op.status, callStartedAt: op.callStartedAt });
const KINDS: Partial<Record<OperationKind, PaymentOperationKind>> = { capture: PaymentOperationKind.CAPTURE, cancel: PaymentOperationKind.CANCEL };

/** A capture or a void of a payment (the `payment_operation` table), applied under the payment's row lock. */
export const operationKind: MovementKind = {
  name: 'operation',
  table: 'payment_operation',
  openStatuses: OPEN,
  answerFields: ['operationId', 'transactionId'],
  due: { where: `status in (${list(OPEN)}) and call_started_at < now() - :pendingAfter`, since: 'created_at' },
  async view(em, id) {
    const op = await em.findOne(PaymentOperation, { id }, { populate: ['transaction', 'site'] });
    if (!op) return undefined;
    const txn = op.transaction;
    const answer = { transactionId: txn.id, operationId: id };
    if (!isOpen(op)) return { answer };
    const payment = { reference: txn.reference, providerTransactionId: txn.providerTransactionId };
    const operation = op.kind === PaymentOperationKind.CAPTURE ? 'capture' : 'cancel';
    const amount = { amountMinor: BigInt(op.amountMinor), currency: op.currency };
    return { answer, inquiry: { site: op.site, provider: txn.provider, request: { operation, reference: op.reference, providerTransactionId: op.providerTransactionId, payment, amount } } };
  },
  apply: (env, id, outcome) =>
    inTransaction(env.em, async (tx) => {
      const rows = await lockMovement(tx, PaymentOperation, id);
      const [txn, op] = [rows.txn.row, rows.movement.row];
      const final = op.kind === PaymentOperationKind.CANCEL || !env.registry.module(txn.provider).facets.payments.capture?.multiple;
      applyOperationResult(rows.txn.events, txn, op, await notFoundAsFailure(env, tx, outcome, op.callStartedAt), final);
      await rows.write();
      await settleOrder(tx, txn, env.log);
    }),
  lateSuccess: LATE_OPERATION,
  async findByReference(em, _provider, reference) {
    const op = await em.findOne(PaymentOperation, { reference }, { populate: ['site'] });
    return op ? { ref: { kind: 'operation', id: op.id }, site: op.site } : undefined;
  },
  async openRow(em, id) {
    const op = await em.findOne(PaymentOperation, { id });
    return op && isOpen(op) ? open(op) : undefined;
  },
  child: {
    of: 'payment',
    operations: ['capture', 'cancel'],
    openOf: async (em: EntityManager, paymentId, operation) => {
      const kind = operation ? KINDS[operation] : undefined;
      const rows = await em.find(PaymentOperation, { transaction: paymentId, status: { $in: OPEN }, ...(kind ? { kind } : {}) }, { orderBy: { createdAt: 'desc' } });
      return rows.map(open);
    },
  },
};
