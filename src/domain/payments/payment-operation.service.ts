import type { EntityManager } from '@mikro-orm/postgresql';
import type { CallOptions, CaptureDeclaration, CaptureRequest, PaymentOperationRequest, PaymentProvider } from '../../providers/provider';
import { DomainError, InvalidInputError, InvalidStateError, NotFoundError } from '../../kernel/errors';
import { toDecimal, type Money } from '../../kernel/money';
import { canCaptureOrCancel } from '../transactions/transaction-state';
import { Transaction } from '../transactions/transaction.entity';
import { applyOperationResult, isOpen, operationEvent } from './apply-operation';
import { approvedMinor } from './apply-outcome';
import { lockMovement } from '../engine/lock-movement';
import { insertRows, LockedRow, newRow } from '../engine/row-writes';
import { TransactionEvent } from '../transactions/transaction-event.entity';
import { loadActingSiteCredentials } from '../tenancy';
import { cancelAwaitingCustomer } from './customer-action';
import { settleOrder } from './order-settlement';
import { unsupported } from './pay-command';
import { PaymentOperation, PaymentOperationKind } from './payment-operation.entity';
import { runPhases } from '../engine/phases';
import { resolveMovement } from '../engine/resolve';
import { callProvider, type CallResult } from '../engine/provider-call';
import { adapterFor, deadlineOf, newReference, type PaymentsEnv } from '../engine/payments-env';
import { callerScope, type Principal } from '../sites/principal';

export interface CaptureCommand {
  transactionId: string;
  /** Absent → the whole remaining authorized amount. */
  amount?: Money;
  /** For multi-capture providers: no further captures will follow. */
  final?: boolean;
}

interface OpState {
  operationId: string;
  transactionId: string;
  adapter: PaymentProvider;
  request: CaptureRequest;
}

/**
 * Phase 1 of a capture, void or refund: the payment locked for the rest of the DB transaction (concurrent
 * captures, voids and refunds queue behind it) and read as a snapshot, which phase 1 does not change.
 */
export async function paymentForMovement(tx: EntityManager, transactionId: string): Promise<Transaction> {
  const locked = await LockedRow.lock(tx, Transaction, transactionId);
  if (!locked) throw new NotFoundError('transaction', ['input', 'transactionId']);
  return locked.row;
}

/** The original payment as a capture, void or refund names it to the provider. */
export function originalPayment(txn: Transaction): PaymentOperationRequest['payment'] {
  return { reference: txn.reference, providerTransactionId: txn.providerTransactionId, amount: { amountMinor: BigInt(txn.amountMinor), currency: txn.currency } };
}

export async function capturePayment(env: PaymentsEnv, principal: Principal, cmd: CaptureCommand, key?: string) {
  return runOperation(env, principal, PaymentOperationKind.CAPTURE, cmd, key);
}

export async function cancelPayment(env: PaymentsEnv, principal: Principal, cmd: { transactionId: string }, key?: string) {
  const abandoned = await cancelAwaitingCustomer(env, cmd.transactionId, (id) => resolveMovement(env, { kind: 'payment', id }));
  if (abandoned) return { response: abandoned, replayed: false };
  return runOperation(env, principal, PaymentOperationKind.CANCEL, cmd, key);
}

async function runOperation(env: PaymentsEnv, principal: Principal, kind: PaymentOperationKind, cmd: CaptureCommand, key?: string) {
  const operation = kind === PaymentOperationKind.CAPTURE ? 'capturePayment' : 'cancelPayment';
  let recorded: { transaction: Transaction; operation: PaymentOperation } | undefined;
  const answer = await runPhases<OpState, CallResult>(env, { scope: callerScope(principal), key, operation, input: cmd }, {
    prepare: (tx) => prepareOperation(env, tx, principal, kind, cmd),
    call: (s) => callProvider(deadlineOf(env), (options) => operationCall(s.adapter, kind, s.request, options)),
    record: async (tx, s, result) => {
      const rows = await lockMovement(tx, PaymentOperation, s.operationId, s.transactionId);
      const [txn, op] = [rows.txn.row, rows.movement.row];
      applyOperationResult(rows.txn.events, txn, op, result, s.request.final);
      await rows.write();
      await settleOrder(tx, txn, env.log);
      recorded = { transaction: txn, operation: op };
      return { transactionId: txn.id, operationId: op.id };
    },
  });
  // The rows phase 3 locked, wrote and committed answer the mutation (pay.service.ts).
  return { ...answer, written: answer.recorded ? recorded : undefined };
}

function operationCall(adapter: PaymentProvider, kind: PaymentOperationKind, request: CaptureRequest, options: CallOptions) {
  const { capture, void: cancel } = adapter.payments;
  if (kind === PaymentOperationKind.CAPTURE && capture) return capture.capture(request, options);
  if (kind === PaymentOperationKind.CANCEL && cancel) return cancel.cancel(request, options);
  throw new Error(`provider ${adapter.key} lost its ${kind.toLowerCase()} facet`);
}

/**
 * Phase 1 in plain statements, as pay's: the payment locked (paymentForMovement), its operations read, and the
 * new operation with its event inserted in one statement (row-writes.ts).
 */
async function prepareOperation(env: PaymentsEnv, tx: EntityManager, principal: Principal, kind: PaymentOperationKind, cmd: CaptureCommand) {
  const txn = await paymentForMovement(tx, cmd.transactionId);
  const payments = env.registry.module(txn.provider).facets.payments;
  const ops = await tx.find(PaymentOperation, { transaction: txn.id });
  const captured = ops.filter((o) => o.kind === PaymentOperationKind.CAPTURE && o.status !== 'FAILED');
  // Captures are looked at before the status, so a second request gets the same answer whether the first
  // capture is still in flight (AUTHORIZED) or already done (SUCCEEDED).
  if (kind === PaymentOperationKind.CAPTURE && captured.length && payments.capture && !payments.capture.multiple) {
    throw new DomainError('ALREADY_CAPTURED', 'this authorization was already captured', ['input', 'transactionId']);
  }
  if (kind === PaymentOperationKind.CANCEL && captured.length) {
    throw new InvalidStateError('a payment with captures cannot be cancelled; refund it instead', ['input', 'transactionId']);
  }
  if (!canCaptureOrCancel(txn.status)) {
    throw new InvalidStateError(`a ${txn.status.toLowerCase()} payment cannot be ${kind === PaymentOperationKind.CAPTURE ? 'captured' : 'cancelled'}`, ['input', 'transactionId']);
  }
  if (ops.some((o) => o.kind === PaymentOperationKind.CANCEL && isOpen(o))) throw new InvalidStateError('a cancellation of this payment is in progress', ['input', 'transactionId']);
  const limits = env.registry.facet(txn.provider, 'payments', 'payments');
  const amount = kind === PaymentOperationKind.CAPTURE ? captureAmount(txn, limits.capture, captured, cmd) : approvedMinor(txn);
  if (kind === PaymentOperationKind.CANCEL && !limits.void) throw unsupported(txn.provider, 'cancelling an authorization', ['input', 'transactionId']);
  const reference = newReference(kind === PaymentOperationKind.CAPTURE ? 'cap' : 'vd');
  const singleCapture = kind === PaymentOperationKind.CAPTURE && !limits.capture?.multiple;
  const event = newRow(TransactionEvent, { transaction: txn.id, type: operationEvent(kind, 'requested'), amountMinor: amount, data: { reference } });
  const op = newRow(PaymentOperation, { site: txn.site.id, transaction: txn.id, kind, amountMinor: amount, currency: txn.currency, reference, singleCapture });
  await insertRows(tx, [event, op]);
  const adapter = await adapterFor(env, tx, await loadActingSiteCredentials(tx), txn.provider, principal.siteId);
  const final = kind === PaymentOperationKind.CANCEL || !limits.capture?.multiple || !!cmd.final;
  const request: CaptureRequest = { reference, payment: originalPayment(txn), amount: { amountMinor: amount, currency: txn.currency }, final };
  const operationId = op.row.id as string;
  return { operationId, transactionId: txn.id, adapter, request, movement: { kind: 'operation' as const, id: operationId } };
}

/** capture ≤ authorized, counting captures still in flight; single-capture providers capture once. */
function captureAmount(txn: Transaction, limits: CaptureDeclaration | undefined, captured: PaymentOperation[], cmd: CaptureCommand): bigint {
  if (!limits) throw unsupported(txn.provider, 'capturing an authorization', ['input', 'transactionId']);
  const reserved = captured.reduce((sum, o) => sum + BigInt(o.amountMinor), 0n);
  const authorized = approvedMinor(txn);
  const remaining = authorized - reserved;
  if (cmd.amount && cmd.amount.currency !== txn.currency) {
    throw new InvalidInputError('CURRENCY_MISMATCH', `the payment is in ${txn.currency}`, ['input', 'amount', 'currency']);
  }
  const amount = cmd.amount?.amountMinor ?? remaining;
  if (amount > remaining) {
    throw new InvalidInputError('AMOUNT_EXCEEDS_AUTHORIZED', `at most ${toDecimal(remaining, txn.currency)} ${txn.currency} remains to capture`, ['input', 'amount', 'amount']);
  }
  if (amount < authorized && !limits.partial) throw unsupported(txn.provider, 'partial captures', ['input', 'amount']);
  return amount;
}
