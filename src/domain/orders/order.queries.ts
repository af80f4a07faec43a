import type { EntityManager } from '@mikro-orm/postgresql';
import { paginate, type Page } from '../read/pagination';
import { amountWhere, metadataWhere, whereOf, type AmountRange, type CreatedRange, type PageRequest } from '../read/read-filters';
import { Order, type OrderStatus } from './order.entity';

export interface OrderFilter extends CreatedRange {
  statuses?: OrderStatus[];
  customerId?: string;
  provider?: string;
  reference?: string;
  amount?: AmountRange;
  metadata?: Record<string, string>;
}

/** The acting site's (em's tenant filter) orders, newest first. */
export function listOrders(em: EntityManager, filter: OrderFilter, page: PageRequest): Promise<Page<Order>> {
  const where = whereOf(
    { status: filter.statuses, customer: filter.customerId, provider: filter.provider, reference: filter.reference },
    filter,
  );
  return paginate(em, Order, { ...where, ...amountWhere(filter.amount), ...metadataWhere(filter.metadata) }, page);
}
