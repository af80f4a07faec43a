import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CustomerData, ProviderOutcome } from '../../providers/provider';
import { decideCustomerData, type CustomerDataDecision } from '../customers/customer-data-decision';
import type { Customer } from '../customers/customer.entity';
import { inTransaction } from '../engine/in-transaction';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { callProvider } from '../engine/provider-call';
import { isUnsettled } from '../transactions/transaction-state';
import { TransactionEvent } from '../transactions/transaction-event.entity';
import { Transaction } from '../transactions/transaction.entity';
import { recordEvent } from '../transactions/transaction-transitions';
import { applyPaymentResult } from './resolve-payment';

const SENT = 'completion_sent';

interface Claim {
  decision: CustomerDataDecision;
  request: { reference: string; providerTransactionId: string; amount: { amountMinor: bigint; currency: Transaction['currency'] } };
  txn: Transaction;
}

/**
 * For a provider whose completion is a capture (paysafecard): an `authorized` answer is not kept as AUTHORIZED.
 * The customer data decision runs on the provider's customer data, then the capture (completion.complete) or the
 * decline (customerData.decline, paysafecard's DELETE) is sent — once: the claim is an event committed under the
 * row lock before the call, so of the notification, the customer's return and the reconciler only one sends it;
 * the others (and a retry after a crash) only ask the status. Returns whether it handled the outcome.
 *
 * The lead's completion-decision.ts on main is the engine's home for this decision; this is the same call
 * (`decideCustomerData`) wired where the branch's engine applies a payment outcome.
 */
export async function completeAuthorized(env: PaymentsEnv, id: string, outcome: ProviderOutcome): Promise<boolean> {
  if (outcome.status !== 'authorized') return false;
  const txn = await env.em.fork().findOne(Transaction, { id });
  if (!txn || env.registry.module(txn.provider).facets.completion?.kind !== 'capture') return false;
  const claim = await inTransaction(env.em, (tx) => claimCompletion(tx, id, outcome));
  if (!claim) return waitForOther(env, id);
  const adapter = await adapterFor(env, env.em.fork(), claim.txn.site, claim.txn.provider);
  const { decision, request } = claim;
  const result = await callProvider(deadlineOf(env), (options) => (decision.ok ? adapter.completion!.complete(request, options) : adapter.customerData!.decline(request, options)));
  if (result.kind === 'error') {
    env.log.warn({ provider: claim.txn.provider, reference: request.reference, code: result.error.code }, 'completion failed; the reconciler will ask again');
    return true;
  }
  const answer = result.outcome;
  const declined = !decision.ok && answer.status === 'declined' ? { ...answer, reason: decision.message } : answer;
  await applyPaymentResult(env, id, declined, 'completion');
  return true;
}

/**
 * Another path (the notification, the customer's return, the reconciler) sent the completion: wait for its
 * answer, at most the call deadline, so the customer coming back sees how it ended rather than "requires action".
 */
async function waitForOther(env: PaymentsEnv, id: string): Promise<true> {
  const until = Date.now() + deadlineOf(env);
  while (Date.now() < until) {
    const txn = await env.em.fork().findOne(Transaction, { id }, { fields: ['status'] });
    if (!txn || !isUnsettled(txn.status)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

async function claimCompletion(tx: EntityManager, id: string, outcome: ProviderOutcome): Promise<Claim | undefined> {
  const txn = await tx.findOneOrFail(Transaction, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true, populate: ['site', 'customer'] });
  if (!isUnsettled(txn.status)) return undefined;
  if (await tx.count(TransactionEvent, { transaction: txn, type: SENT })) return undefined;
  if (txn.customer && outcome.customer) storeProviderDetails(txn.customer, txn.provider, outcome.customer);
  const decision = decideCustomerData(txn.site, txn.customer, outcome.customer);
  const providerTransactionId = txn.providerTransactionId ?? outcome.providerTransactionId!;
  txn.providerTransactionId = providerTransactionId;
  const data = decision.ok ? { action: 'capture' } : { action: 'decline', field: decision.field, ours: decision.ours, theirs: decision.theirs };
  recordEvent(tx, txn, { type: SENT, message: decision.ok ? undefined : decision.message, data });
  return { decision, txn, request: { reference: txn.reference, providerTransactionId, amount: { amountMinor: BigInt(txn.amountMinor), currency: txn.currency } } };
}

function storeProviderDetails(customer: Customer, provider: string, data: CustomerData): void {
  const details = { providerCustomerId: data.id, email: data.email, firstName: data.firstName, lastName: data.lastName, birthDate: data.birthDate, accountCreated: data.accountCreated, receivedAt: new Date().toISOString() };
  customer.providerDetails = { ...(customer.providerDetails ?? {}), [provider]: details };
}
