import type { StoredResponse } from '../idempotency/idempotency.service';
import { isUnsettled } from '../transactions/transaction-state';
import { Transaction } from '../transactions/transaction.entity';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { callProvider } from '../engine/provider-call';
import { applyPaymentResult, resolvePayment } from './resolve-payment';

/**
 * The step after the customer (back from a redirect, or a callback that carries no signed outcome). A
 * completion of kind `inquiry` (the card REST gateway) reads the outcome and is sent every time; one that
 * moves money (a capture of what the customer authorized, a fee choice) is never sent from here: the status
 * query says where the payment is, and resolvePayment begins the capture once (payment-steps.ts); the fee
 * choice comes from selectTransferFee. What the customer's browser brought is a hint only.
 */
export async function completeTransaction(env: PaymentsEnv, id: string, returnParams?: Record<string, string>): Promise<StoredResponse> {
  const em = env.em.fork();
  const txn = await em.findOne(Transaction, { id }, { populate: ['site'] });
  if (!txn || !isUnsettled(txn.status)) return { transactionId: id };
  // A completion that moves money is begun once, from what the provider's status says (resolve-payment.ts).
  if (env.registry.module(txn.provider).facets.completion?.kind !== 'inquiry') return resolvePayment(env, id);
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
