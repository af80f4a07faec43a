import type { EntityManager } from '@mikro-orm/postgresql';
import { paginate, type Page } from '../read/pagination';
import { whereOf, type CreatedRange, type PageRequest } from '../read/read-filters';
import { Payout, type PayoutStatus } from './payout.entity';

export interface PayoutFilter extends CreatedRange {
  statuses?: PayoutStatus[];
  customerId?: string;
  provider?: string;
}

/** The acting site's (em's tenant filter) payouts, newest first. */
export function listPayouts(em: EntityManager, filter: PayoutFilter, page: PageRequest): Promise<Page<Payout>> {
  const where = whereOf({ status: filter.statuses, customer: filter.customerId, provider: filter.provider }, filter);
  return paginate(em, Payout, where, page);
}
