import type { EntityManager } from '@mikro-orm/postgresql';
import type { PaymentProvider, RefundRequest } from '../../providers/provider';
import { DomainError, InvalidInputError, InvalidStateError } from '../errors';
import { toDecimal, type Money } from '../money';
import { lockMovement } from '../payments/lock-movement';
import { settleOrderOf } from '../payments/order-settlement';
import { unsupported } from '../payments/pay-command';
import { lockTransaction, originalPayment } from '../payments/payment-operation.service';
import { adapterFor, deadlineOf, newReference, type Caller, type PaymentsEnv } from '../payments/payments-env';
import { runPhases } from '../payments/phases';
import { callProvider, type CallResult } from '../payments/provider-call';
import { settleResource } from '../payments/settle';
import { TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { recordEvent } from '../transactions/transaction-transitions';
import { applyRefundResult } from './apply-refund';
import { Refund, RefundStatus } from './refund.entity';

export interface RefundCommand {
  transactionId: string;
  /** Absent → everything captured and not yet refunded. */
  amount?: Money;
  reason?: string;
}

interface RefundState {
  refundId: string;
  transactionId: string;
  adapter: PaymentProvider;
  request: RefundRequest;
}

/** Refunds ≤ captured, counting refunds still in flight; the row lock makes concurrent refunds queue. */
export async function refundPayment(env: PaymentsEnv, caller: Caller, cmd: RefundCommand, key?: string) {
  return runPhases<RefundState, CallResult>(env.em, env.idempotency, { scope: caller.scope, key, operation: 'refundPayment', input: cmd }, {
    prepare: (tx) => prepareRefund(env, tx, caller, cmd),
    call: (s) => callProvider(deadlineOf(env), (signal) => s.adapter.refund({ ...s.request, signal })),
    record: async (tx, s, result) => {
      const { txn, movement: refund } = await lockMovement(tx, Refund, s.refundId);
      applyRefundResult(tx, txn, refund, result);
      await tx.flush();
      await settleOrderOf(tx, txn, env.log);
      return { transactionId: txn.id, refundId: refund.id };
    },
    resume: (resource) => settleResource(env, resource),
  });
}

async function prepareRefund(env: PaymentsEnv, tx: EntityManager, caller: Caller, cmd: RefundCommand) {
  const txn = await lockTransaction(tx, cmd.transactionId);
  const caps = env.registry.module(txn.provider).capabilities;
  if (!caps.refunds) throw unsupported(txn.provider, 'refunds', ['input', 'transactionId']);
  const refundable = txn.status === TransactionStatus.SUCCEEDED || (txn.status === TransactionStatus.AUTHORIZED && BigInt(txn.capturedMinor) > 0n);
  if (!refundable) throw new InvalidStateError(`a ${txn.status.toLowerCase()} payment has nothing captured to refund`, ['input', 'transactionId']);
  const earlier = await tx.find(Refund, { transaction: txn, status: { $ne: RefundStatus.FAILED } });
  if (earlier.length && !caps.multipleRefunds) {
    throw new DomainError('REFUND_LIMIT_REACHED', `provider "${txn.provider}" refunds a payment only once, and this one was already refunded`, ['input', 'transactionId']);
  }
  const amount = refundAmount(txn, earlier, cmd, caps.partialRefunds);
  const reference = newReference('rf');
  const refund = tx.create(Refund, { site: txn.site, transaction: txn, amountMinor: amount, currency: txn.currency, reason: cmd.reason, reference });
  recordEvent(tx, txn, { type: 'refund_requested', amountMinor: amount, message: cmd.reason, data: { reference } });
  await tx.flush();
  const adapter = await adapterFor(env, tx, txn.site, txn.provider, caller.siteId);
  const request: RefundRequest = { reference, payment: originalPayment(txn), amount: { amountMinor: amount, currency: txn.currency }, reason: cmd.reason };
  return { refundId: refund.id, transactionId: txn.id, adapter, request, resource: `Refund:${refund.id}` };
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
