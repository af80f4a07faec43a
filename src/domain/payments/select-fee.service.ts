import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import type { CompleteRequest, PaymentProvider } from '../../providers/provider';
import { facetOf } from '../../providers/registry';
import { DomainError, InvalidStateError, NotFoundError } from '../../kernel/errors';
import { toDecimal } from '../../kernel/money';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { runPhases } from '../engine/phases';
import { callProvider, type CallResult } from '../engine/provider-call';
import { RECOVERY_DEFAULTS } from '../engine/recovery-policy';
import { callerScope, type Principal } from '../sites/principal';
import { TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { recordEvent } from '../transactions/transaction-transitions';
import { applyPaymentResult } from './apply-outcome';
import { olderThan } from './customer-action';
import { settleOrder } from './order-settlement';
import { PaymentStep } from './payment-steps';

export interface SelectFeeCommand {
  transactionId: string;
  feeOptionId: string;
}

interface SelectFeeState {
  transactionId: string;
  adapter: PaymentProvider;
  request: CompleteRequest;
}

type StoredOption = { id: string; amountMinor: string; currency: string };

/** When the customer's fee choice for this payment expires: the customer step's expiry, from its creation. */
export function feeChoiceExpiresAt(env: Pick<PaymentsEnv, 'recovery'>, txn: Pick<Transaction, 'createdAt'>): Date {
  return new Date(txn.createdAt.getTime() + (env.recovery?.customerActionExpiryMs ?? RECOVERY_DEFAULTS.customerActionExpiryMs));
}

/**
 * The customer picks one of the fee options a payment paused for (Payneteasy's transfer rates): the choice is
 * recorded and the completion step begun in phase 1, committed before the provider is told — so a second
 * selection, a retry after a crash or a racing instance never sends it twice; recovery asks the provider.
 */
export async function selectTransferFee(env: PaymentsEnv, principal: Principal, cmd: SelectFeeCommand, key?: string) {
  return runPhases<SelectFeeState, CallResult>(env, { scope: callerScope(principal), key, operation: 'selectTransferFee', input: cmd }, {
    prepare: (tx) => prepareChoice(env, tx, principal, cmd),
    call: (s) => callProvider(deadlineOf(env), (options) => facetOf(s.adapter, 'completion').complete(s.request, options)),
    record: async (tx, s, result) => {
      const txn = await tx.findOneOrFail(Transaction, { id: s.transactionId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      applyPaymentResult(tx, txn, result, 'completion', env.log);
      await tx.flush();
      await settleOrder(tx, txn, env.log);
      return { transactionId: txn.id };
    },
  });
}

/** Locks the payment for the rest of the DB transaction, managed (the choice changes it and flushes). */
async function lockTransaction(tx: EntityManager, transactionId: string): Promise<Transaction> {
  const txn = await tx.findOne(Transaction, { id: transactionId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!txn) throw new NotFoundError('transaction', ['input', 'transactionId']);
  await tx.populate(txn, ['site']);
  return txn;
}

async function prepareChoice(env: PaymentsEnv, tx: EntityManager, principal: Principal, cmd: SelectFeeCommand) {
  const txn = await lockTransaction(tx, cmd.transactionId);
  if (env.registry.module(txn.provider).facets.completion?.kind !== 'choice') {
    throw new DomainError('UNSUPPORTED_BY_PROVIDER', `provider "${txn.provider}" has no fee choice`, ['input', 'transactionId']);
  }
  if (txn.step !== PaymentStep.PAY) throw new DomainError('FEE_ALREADY_SELECTED', 'a fee option was already chosen for this payment', ['input', 'feeOptionId']);
  if (txn.status !== TransactionStatus.AWAITING_FEE_SELECTION) {
    throw new InvalidStateError(`a ${txn.status.toLowerCase()} payment has no fee choice pending`, ['input', 'transactionId']);
  }
  const option = ((txn.nextAction?.options ?? []) as StoredOption[]).find((o) => o.id === cmd.feeOptionId);
  if (!option) throw new NotFoundError('fee option', ['input', 'feeOptionId']);
  if (await olderThan(tx, txn.id, env.recovery?.customerActionExpiryMs ?? RECOVERY_DEFAULTS.customerActionExpiryMs)) {
    throw new DomainError('FEE_QUOTE_EXPIRED', `the fee options expired at ${feeChoiceExpiresAt(env, txn).toISOString()}; start a new payment`, ['input', 'feeOptionId']);
  }
  txn.step = PaymentStep.COMPLETE;
  txn.feeMinor = BigInt(option.amountMinor);
  recordEvent(tx, txn, { type: 'fee_selected', amountMinor: BigInt(option.amountMinor), message: `fee option ${option.id}: ${toDecimal(BigInt(option.amountMinor), txn.currency)} ${txn.currency}`, data: { feeOptionId: option.id } });
  await tx.flush();
  const adapter = await adapterFor(env, tx, txn.site, txn.provider, principal.siteId);
  const amount = { amountMinor: BigInt(txn.amountMinor), currency: txn.currency };
  const request: CompleteRequest = { reference: txn.reference, providerTransactionId: txn.providerTransactionId, amount, feeOptionId: option.id };
  return { transactionId: txn.id, adapter, request, movement: { kind: 'payment' as const, id: txn.id } };
}
