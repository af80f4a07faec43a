import type { EntityManager } from '@mikro-orm/postgresql';
import { paginate, type Page } from '../read/pagination';
import { amountWhere, metadataWhere, whereOf, type AmountRange, type CreatedRange, type PageRequest } from '../read/read-filters';
import type { TransactionKind, TransactionStatus } from './transaction-status';
import { Transaction } from './transaction.entity';

export interface TransactionFilter extends CreatedRange {
  statuses?: TransactionStatus[];
  kinds?: TransactionKind[];
  provider?: string;
  orderId?: string;
  customerId?: string;
  paymentMethodId?: string;
  reference?: string;
  /** true: only payments a partner made on the site's behalf; false: only the site's own. */
  onBehalfOfPartner?: boolean;
  amount?: AmountRange;
  metadata?: Record<string, string>;
}

/** The acting site's (em's tenant filter) transactions, newest first. */
export function listTransactions(
  em: EntityManager,
  filter: TransactionFilter,
  page: PageRequest,
): Promise<Page<Transaction>> {
  const where = whereOf(
    {
      status: filter.statuses,
      kind: filter.kinds,
      provider: filter.provider,
      order: filter.orderId,
      customer: filter.customerId,
      paymentMethod: filter.paymentMethodId,
      reference: filter.reference,
      partnerSiteId: filter.onBehalfOfPartner === undefined || filter.onBehalfOfPartner === null ? undefined : filter.onBehalfOfPartner ? { $ne: null } : { $eq: null },
    },
    filter,
  );
  return paginate(em, Transaction, { ...where, ...amountWhere(filter.amount), ...metadataWhere(filter.metadata) }, page);
}
