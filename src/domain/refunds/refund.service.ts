import type { EntityManager } from '@mikro-orm/postgresql';
import type { PaymentProvider, RefundRequest } from '../../providers/provider';
import { facetOf } from '../../providers/registry';
import { DomainError, InvalidInputError, InvalidStateError } from '../../kernel/errors';
import { toDecimal, type Money } from '../../kernel/money';
import { lockMovement } from '../engine/lock-movement';
import { settleOrder } from '../payments/order-settlement';
import { originalPayment, paymentForMovement } from '../payments/payment-operation.service';
import { insertRows, newRow } from '../engine/row-writes';
import { loadActingSiteCredentials } from '../tenancy';
import { TransactionEvent } from '../transactions/transaction-event.entity';
import { adapterFor, deadlineOf, newReference, type PaymentsEnv } from '../engine/payments-env';
import { runPhases } from '../engine/phases';
import type { RefusalFields } from '../engine/movement-refusal';
import { callProvider, type CallResult } from '../engine/provider-call';
import { TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { applyRefundResult } from './apply-refund';
import { Refund, RefundStatus, RefundStep } from './refund.entity';
import { captureValidatedRefund } from './refund-steps';
import { callerScope, type Principal } from '../sites/principal';

export interface RefundCommand {
  transactionId: string;
  /** Absent → everything captured and not yet refunded. */
  amount?: Money;
  reason?: string;
}

/** Where a provider's refusal of refundPayment points in its input: the customer is the payment's (engine/movement-refusal.ts). */
export const REFUND_REFUSAL_FIELDS: RefusalFields = {
  amount: ['input', 'amount'],
  currency: ['input', 'amount', 'currency'],
  customer: ['input', 'transactionId'],
  payment: ['input', 'transactionId'],
  merchant: ['input', 'transactionId'],
  request: ['input'],
};

interface RefundState {
  refundId: string;
  transactionId: string;
  adapter: PaymentProvider;
  request: RefundRequest;
}

/**
 * Refunds ≤ captured, counting refunds still in flight; the row lock makes concurrent refunds queue. One call,
 * or, when the provider validates first, the validation through the three phases and then the capture of the
 * validated refund as its own step (captureValidatedRefund), which the reconciler takes over if this request
 * dies between them.
 */
export async function refundPayment(env: PaymentsEnv, principal: Principal, cmd: RefundCommand, key?: string) {
  let inSteps = false;
  let recorded: { transaction: Transaction; refund: Refund } | undefined;
  const answer = await runPhases<RefundState, CallResult>(env, { scope: callerScope(principal), key, operation: 'refundPayment', input: cmd }, {
    prepare: (tx) => prepareRefund(env, tx, principal, cmd),
    call: (s) => {
      inSteps = facetOf(s.adapter, 'refunds').validates;
      return callProvider(deadlineOf(env), (options) => firstStep(s.adapter)(s.request, options));
    },
    record: async (tx, s, result) => {
      const rows = await lockMovement(tx, Refund, s.refundId, s.transactionId);
      const [txn, refund] = [rows.txn.row, rows.movement.row];
      applyRefundResult(rows.txn.events, txn, refund, result);
      await rows.write();
      await settleOrder(tx, txn, env.log);
      recorded = { transaction: txn, refund };
      return { transactionId: txn.id, refundId: refund.id };
    },
  });
  if (inSteps && !answer.replayed && typeof answer.response.refundId === 'string') {
    await captureValidatedRefund(env, answer.response.refundId);
    return { ...answer, written: undefined };
  }
  // The rows phase 3 locked, wrote and committed answer the mutation (pay.service.ts); not after a second step.
  return { ...answer, written: answer.recorded ? recorded : undefined };
}

function firstStep(adapter: PaymentProvider) {
  const refunds = facetOf(adapter, 'refunds');
  return refunds.validates ? refunds.validate! : refunds.refund;
}

/** Phase 1 in plain statements, as a capture's: the new refund and its event are inserted in one statement. */
async function prepareRefund(env: PaymentsEnv, tx: EntityManager, principal: Principal, cmd: RefundCommand) {
  const txn = await paymentForMovement(tx, cmd.transactionId);
  const limits = env.registry.facet(txn.provider, 'refunds', 'refunds', ['input', 'transactionId']);
  const refundable = txn.status === TransactionStatus.SUCCEEDED || (txn.status === TransactionStatus.AUTHORIZED && BigInt(txn.capturedMinor) > 0n);
  if (!refundable) throw new InvalidStateError(`a ${txn.status.toLowerCase()} payment has nothing captured to refund`, ['input', 'transactionId']);
  const earlier = await tx.find(Refund, { transaction: txn.id, status: { $nin: [RefundStatus.FAILED, RefundStatus.DECLINED] } });
  if (earlier.length && !limits.multiple) {
    throw new DomainError('REFUND_LIMIT_REACHED', `provider "${txn.provider}" refunds a payment only once, and this one was already refunded`, ['input', 'transactionId']);
  }
  const amount = refundAmount(txn, earlier, cmd, limits.partial);
  const reference = newReference('rf');
  const step = limits.validates ? RefundStep.VALIDATE : undefined;
  const event = newRow(TransactionEvent, { transaction: txn.id, type: 'refund_requested', amountMinor: amount, message: cmd.reason, data: { reference } });
  const refund = newRow(Refund, { site: txn.site.id, transaction: txn.id, amountMinor: amount, currency: txn.currency, reason: cmd.reason, reference, step });
  await insertRows(tx, [event, refund]);
  const adapter = await adapterFor(env, tx, await loadActingSiteCredentials(tx), txn.provider, principal.siteId);
  const request: RefundRequest = { reference, payment: originalPayment(txn), amount: { amountMinor: amount, currency: txn.currency }, reason: cmd.reason };
  const refundId = refund.row.id as string;
  return { refundId, transactionId: txn.id, adapter, request, movement: { kind: 'refund' as const, id: refundId } };
}

function refundAmount(txn: Transaction, earlier: Refund[], cmd: RefundCommand, partialAllowed: boolean): bigint {
  if (cmd.amount && cmd.amount.currency !== txn.currency) {
    throw new InvalidInputError('CURRENCY_MISMATCH', `the payment is in ${txn.currency}; refunds are in the same currency`, ['input', 'amount', 'currency']);
  }
  const reserved = earlier.reduce((sum, r) => sum + BigInt(r.amountMinor), 0n);
  const remaining = BigInt(txn.capturedMinor) - reserved;
  const amount = cmd.amount?.amountMinor ?? remaining;
  if (remaining <= 0n) throw new DomainError('REFUND_LIMIT_REACHED', 'everything captured has already been refunded', ['input', 'transactionId']);
  if (amount > remaining) {
    throw new InvalidInputError('AMOUNT_EXCEEDS_CAPTURED', `at most ${toDecimal(remaining, txn.currency)} ${txn.currency} can still be refunded`, ['input', 'amount', 'amount']);
  }
  if (amount < BigInt(txn.capturedMinor) && !partialAllowed) throw new DomainError('UNSUPPORTED_BY_PROVIDER', `provider "${txn.provider}" does not support partial refunds`, ['input', 'amount']);
  return amount;
}
