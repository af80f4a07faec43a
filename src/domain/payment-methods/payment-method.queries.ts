import type { EntityManager } from '@mikro-orm/postgresql';
import { paginate, type Page } from '../read/pagination';
import { whereOf, type CreatedRange, type PageRequest } from '../read/read-filters';
import { PaymentMethod, type PaymentMethodStatus, type PaymentMethodType } from './payment-method.entity';

export interface PaymentMethodFilter extends CreatedRange {
  statuses?: PaymentMethodStatus[];
  types?: PaymentMethodType[];
  customerId?: string;
  provider?: string;
}

/** The acting site's (em's tenant filter) saved methods, newest first. */
export function listPaymentMethods(
  em: EntityManager,
  filter: PaymentMethodFilter,
  page: PageRequest,
): Promise<Page<PaymentMethod>> {
  const where = whereOf(
    { status: filter.statuses, type: filter.types, customer: filter.customerId, provider: filter.provider },
    filter,
  );
  return paginate(em, PaymentMethod, where, page);
}
