import type { EntityManager } from '@mikro-orm/postgresql';
import { paginate, type Page } from '../read/pagination';
import { whereOf, type CreatedRange, type PageRequest } from '../read/read-filters';
import { Refund, type RefundStatus } from './refund.entity';

export interface RefundFilter extends CreatedRange {
  statuses?: RefundStatus[];
  transactionId?: string;
}

/** The acting site's (em's tenant filter) refunds, newest first. */
export function listRefunds(em: EntityManager, filter: RefundFilter, page: PageRequest): Promise<Page<Refund>> {
  return paginate(em, Refund, whereOf({ status: filter.statuses, transaction: filter.transactionId }, filter), page);
}
