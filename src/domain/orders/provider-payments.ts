/**
 * Payments found in an order's history at the provider (made elsewhere: PayNearMe's smart link, cash at a
 * retailer, another channel) are recorded as the site's transactions, so later reads need no provider call.
 * Only settled answers are recorded; a payment the gateway made itself is already a transaction.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProviderOrderPayment } from '../../providers/provider';
import { TransactionKind, TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { recordEvent } from '../transactions/transaction-transitions';
import type { Site } from '../sites/site.entity';
import type { Order } from './order.entity';

function statusOf(p: ProviderOrderPayment): TransactionStatus | undefined {
  switch (p.outcome.status) {
    case 'succeeded':
      return TransactionStatus.SUCCEEDED;
    case 'declined':
      return TransactionStatus.DECLINED;
    case 'cancelled':
      return TransactionStatus.CANCELLED;
    default:
      return undefined;
  }
}

export async function recordProviderPayments(em: EntityManager, site: Site, order: Order, payments: ProviderOrderPayment[]): Promise<number> {
  let recorded = 0;
  for (const p of payments) {
    const status = statusOf(p);
    const amount = p.outcome.amount;
    if (!status || !amount) continue;
    const known = await em.findOne(Transaction, { $or: [{ provider: order.provider!, providerTransactionId: p.providerTransactionId }, ...(p.reference ? [{ reference: p.reference }] : [])] });
    if (known) continue;
    const outcome = p.outcome;
    const txn = em.create(Transaction, {
      site,
      order,
      provider: order.provider!,
      kind: TransactionKind.SALE,
      status,
      amountMinor: amount.amountMinor,
      currency: amount.currency,
      capturedMinor: status === TransactionStatus.SUCCEEDED ? amount.amountMinor : 0n,
      feeMinor: outcome.fee?.amountMinor,
      // References are unique across sites: the site's id keeps two sites that see one provider payment apart.
      reference: `found-${site.id}-${p.providerTransactionId}`,
      providerTransactionId: p.providerTransactionId,
      ...(outcome.status === 'declined' ? { declineCode: outcome.code, declineReason: outcome.reason, declineReasonCode: outcome.reasonCode } : {}),
      metadata: { source: 'provider-order-history' },
    });
    recordEvent(em, txn, { type: 'found_at_provider', amountMinor: amount.amountMinor, data: { providerStatus: outcome.providerStatus ?? '' } });
    recorded += 1;
  }
  await em.flush();
  return recorded;
}
