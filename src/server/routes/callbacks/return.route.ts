import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { completeTransaction } from '../../../domain/payments/complete';
import { DeclineReasonCode } from '../../../providers/provider';
import { Transaction } from '../../../domain/transactions/transaction.entity';
import { unscoped } from '../../../domain/tenancy';
import { paymentsEnvOf, type AppDeps } from '../../../graphql/context';
import { toGlobalId } from '../../../graphql/common/global-id';

/**
 * Where a provider sends the customer back after a redirect (3-D Secure, wallet). The gateway completes the
 * payment with the provider at once (its completion facet; the callback may be late or lost), then sends the customer on to the merchant's
 * returnUrl with the transaction id and status, or shows the status when the merchant gave none.
 */
export function registerReturnRoute(app: FastifyInstance, deps: AppDeps): void {
  const handler = (request: FastifyRequest, reply: FastifyReply) => handleReturn(deps, request, reply);
  app.get('/callbacks/:provider/return/:reference', handler);
  app.post('/callbacks/:provider/return/:reference', handler);
}

async function handleReturn(deps: AppDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { provider, reference } = request.params as { provider: string; reference: string };
  const env = paymentsEnvOf(deps, unscoped(deps.orm.em));
  const found = await env.em.findOne(Transaction, { reference, provider });
  if (!found) return reply.code(404).type('text/plain').send('unknown payment');
  await completeTransaction(env, found.id, request.query as Record<string, string>);
  const txn = await env.em.fork().findOneOrFail(Transaction, { id: found.id });
  if (txn.returnUrl) {
    const target = new URL(txn.returnUrl);
    target.searchParams.set('transactionId', toGlobalId('Transaction', txn.id));
    target.searchParams.set('status', txn.status);
    return reply.redirect(target.toString(), 303);
  }
  // The customer data comparison's decline must be explained to the customer (docs/paysafecard.md "Error message for the customer").
  const why = txn.declineReasonCode === DeclineReasonCode.CUSTOMER_DATA_MISMATCH && txn.declineReason ? `\n\n${txn.declineReason}` : '';
  return reply.type('text/plain').send(`Payment ${txn.status.toLowerCase().replace(/_/g, ' ')}. You can close this page.${why}`);
}
