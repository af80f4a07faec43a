import type { StoredResponse } from '../idempotency/idempotency.service';
import { isUnsettled } from '../transactions/transaction-state';
import { Transaction } from '../transactions/transaction.entity';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { callProvider } from '../engine/provider-call';
import { applyPaymentResult, resolvePayment } from './resolve-payment';

/**
 * The step after the customer (back from a redirect, or a callback that carries no signed outcome): the
 * provider's completion facet says how the payment ended — a status query for the card REST gateway, a
 * capture of an authorized payment for paysafecard. Without one, the status query is the answer. What the
 * customer's browser brought is passed along as a hint only; the outcome comes from the provider.
 */
export async function completeTransaction(env: PaymentsEnv, id: string, returnParams?: Record<string, string>): Promise<StoredResponse> {
  const em = env.em.fork();
  const txn = await em.findOne(Transaction, { id }, { populate: ['site'] });
  if (!txn || !isUnsettled(txn.status)) return { transactionId: id };
  // A capture is sent only once the status says authorized, after the customer data decision (customer-step.ts).
  const completion = env.registry.module(txn.provider).facets.completion;
  if (!completion || completion.kind === 'capture') return resolvePayment(env, id);
  const adapter = await adapterFor(env, em, txn.site, txn.provider);
  const request = { reference: txn.reference, providerTransactionId: txn.providerTransactionId, amount: { amountMinor: BigInt(txn.amountMinor), currency: txn.currency }, returnParams };
  const result = await callProvider(deadlineOf(env), (options) => adapter.completion!.complete(request, options));
  if (result.kind === 'error') {
    env.log.warn({ provider: txn.provider, reference: txn.reference, code: result.error.code }, 'completion failed; the reconciler will ask again');
    return { transactionId: id };
  }
  await applyPaymentResult(env, id, result.outcome, 'completion');
  return { transactionId: id };
}
