import type { EntityManager } from '@mikro-orm/postgresql';
import { paginate, type Page } from '../pagination';
import { whereOf, type CreatedRange, type PageRequest } from '../read-filters';
import { Refund, type RefundStatus } from './refund.entity';

export interface RefundFilter extends CreatedRange {
  statuses?: RefundStatus[];
  transactionId?: string;
}

/** One site's refunds, newest first. */
export function listRefunds(em: EntityManager, siteId: string, filter: RefundFilter, page: PageRequest): Promise<Page<Refund>> {
  return paginate(em, Refund, whereOf({ site: siteId, status: filter.statuses, transaction: filter.transactionId }, filter), page);
}
