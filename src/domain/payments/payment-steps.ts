import { facetOf } from '../../providers/registry';
import { DeclineReasonCode, type ProviderOutcome } from '../../providers/provider';
import { inTransaction } from '../engine/in-transaction';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { callProvider } from '../engine/provider-call';
import { beginStep, type StepDeclaration } from '../engine/steps';
import { TransactionKind, TransactionStatus as S } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { recordEvent } from '../transactions/transaction-transitions';
import { decideCompletion, storeProviderDetails } from './completion-decision';

/** The provider call of a payment in flight or last made (the `step` column). */
export enum PaymentStep {
  /** Saving the card for a provider that cannot save and charge in one call (moves no money). */
  TOKENIZE = 'tokenize',
  /** The pay call (or tokenize-and-pay, one call); then the customer's turn, if any. */
  PAY = 'pay',
  /** The completion that moves money: the capture of what the customer authorized, or the fee choice sent. */
  COMPLETE = 'complete',
  /** Declining at the provider what the customer authorized (customer data mismatch). */
  DECLINE = 'decline',
}

/**
 * A payment's steps. Each is begun in a committed, conditional statement before its call, so of the customer's
 * return, a callback, the reconciler and a second instance exactly one sends it, and after a crash the row
 * says it may have been sent: recovery then only asks the provider (resolve-payment.ts).
 */
export const PAYMENT_STEPS: readonly StepDeclaration[] = [
  { name: PaymentStep.TOKENIZE, movesMoney: false, recovery: 'status' },
  { name: PaymentStep.PAY, movesMoney: true, recovery: 'status' },
  { name: 'customer', movesMoney: false, recovery: 'customer' },
  { name: PaymentStep.COMPLETE, movesMoney: true, recovery: 'status' },
  { name: PaymentStep.DECLINE, movesMoney: false, recovery: 'status' },
];

/** Statuses a payment may be in while the customer's part is done at the provider and ours is not yet. */
const BEFORE_COMPLETION = [S.PENDING, S.PROCESSING, S.REQUIRES_ACTION, S.OUTCOME_UNKNOWN];

/**
 * The provider says the customer authorized a payment whose completion captures (paysafecard). Decide — the
 * customer data exchange — and begin exactly one step: the capture of a sale, or the decline of a mismatch.
 * An authorization (captureLater) that matches is simply AUTHORIZED: the merchant captures it later. Returns
 * the provider's answer to the step, or undefined when no step was sent here (another caller began one, or
 * nothing was to be sent).
 */
export async function completeAuthorized(env: PaymentsEnv, id: string, authorized: ProviderOutcome): Promise<ProviderOutcome | 'authorize' | undefined> {
  const em = env.em.fork();
  const txn = await em.findOneOrFail(Transaction, { id }, { populate: ['site', 'customer'] });
  const decision = decideCompletion(txn, authorized, env.registry.module(txn.provider).displayName);
  if (decision.action === 'complete' && txn.kind !== TransactionKind.SALE) return 'authorize';
  const step = decision.action === 'decline' ? PaymentStep.DECLINE : PaymentStep.COMPLETE;
  const begun = await inTransaction(env.em, async (tx) => {
    if (!(await beginStep(tx, Transaction, id, { from: PaymentStep.PAY, to: step, status: BEFORE_COMPLETION }))) return false;
    const locked = await tx.findOneOrFail(Transaction, { id }, { refresh: true, populate: ['customer'] });
    if (locked.customer && authorized.customer) storeProviderDetails(locked.customer, locked.provider, authorized.customer);
    if (decision.action === 'decline') {
      Object.assign(locked, { declineCode: decision.code, declineReason: decision.reason, declineReasonCode: DeclineReasonCode.CUSTOMER_DATA_MISMATCH });
      recordEvent(tx, locked, { type: 'customer_data_mismatch', message: decision.reason, data: { code: decision.code } });
    }
    return true;
  });
  // Another caller began it a moment ago: wait for its answer rather than show the customer a stale status.
  if (!begun) return waitForStep(env, id).then(() => undefined);
  const adapter = await adapterFor(env, em, txn.site, txn.provider);
  const request = { reference: txn.reference, providerTransactionId: txn.providerTransactionId ?? authorized.providerTransactionId, amount: { amountMinor: BigInt(txn.amountMinor), currency: txn.currency } };
  const result = await callProvider(deadlineOf(env), (options) =>
    step === PaymentStep.DECLINE ? facetOf(adapter, 'customerData').decline(request, options) : facetOf(adapter, 'completion').complete(request, options),
  );
  // A decline keeps the provider's code; its reason is what the customer is told (the mismatch, both values).
  if (result.kind === 'outcome') return decision.action === 'decline' && result.outcome.status === 'declined' ? { ...result.outcome, reason: decision.reason } : result.outcome;
  env.log.warn({ provider: txn.provider, reference: txn.reference, step, code: result.error.code }, 'payment step answer lost or refused; the reconciler will ask the provider');
  return undefined;
}

/**
 * Another caller began this payment's completion (the notification, the reconciler): wait for its answer, at
 * most until its call's deadline has passed, so a customer coming back sees how it ended rather than
 * "requires action". Nothing is sent from here.
 */
export async function waitForStep(env: PaymentsEnv, id: string): Promise<void> {
  for (;;) {
    const rows = await env.em.fork().getConnection().execute<{ open: boolean; inFlight: boolean }[]>(
      `select status in (${BEFORE_COMPLETION.map(() => '?').join(', ')}) as open,
              call_started_at > now() - ?::float8 * interval '1 millisecond' as "inFlight" from "transaction" where id = ?`,
      [...BEFORE_COMPLETION, deadlineOf(env), id],
    );
    if (!rows[0]?.open || !rows[0].inFlight) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
