import type { EntityManager } from '@mikro-orm/postgresql';
import type { Money } from '../../kernel/money';
import { Customer } from '../customers/customer.entity';
import { Site } from '../sites/site.entity';
import { recordEvent } from '../transactions/transaction-transitions';
import { TransactionKind } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';

/**
 * A payment the app runs with the provider itself (Payneteasy DAPI sale or transfer), opened when the app
 * initiates it: PENDING under the provider's reference (the invoiceId) with the call counted as started, so the
 * reconciler asks the provider's status until it is final, and "not found" becomes final only after the
 * provider's window (the app may never perform it).
 */
export async function openInboundTransaction(
  em: EntityManager,
  provider: string,
  siteId: string,
  t: { reference: string; kind: 'SALE' | 'TRANSFER'; amount: Money; customerId?: string },
): Promise<{ id: string }> {
  return em.fork().transactional(async (tx) => {
    const txn = tx.create(Transaction, {
      site: tx.getReference(Site, siteId),
      customer: t.customerId ? tx.getReference(Customer, t.customerId) : undefined,
      provider,
      kind: t.kind === 'SALE' ? TransactionKind.SALE : TransactionKind.TRANSFER,
      amountMinor: t.amount.amountMinor,
      currency: t.amount.currency,
      reference: t.reference,
    });
    recordEvent(tx, txn, { type: 'created', amountMinor: t.amount.amountMinor, data: { provider, kind: txn.kind, via: 'inbound' } });
    await tx.flush();
    return { id: txn.id };
  });
}
