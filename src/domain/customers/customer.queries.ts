import type { EntityManager } from '@mikro-orm/postgresql';
import { paginate, type Page } from '../read/pagination';
import { metadataWhere, whereOf, type CreatedRange, type PageRequest } from '../read/read-filters';
import { Customer } from './customer.entity';

export interface CustomerFilter extends CreatedRange {
  /** Matched case-insensitively: mailboxes are, in practice. */
  email?: string;
  externalId?: string;
  metadata?: Record<string, string>;
}

/** The acting site's (em's tenant filter) customers, newest first. */
export function listCustomers(em: EntityManager, filter: CustomerFilter, page: PageRequest): Promise<Page<Customer>> {
  const email = filter.email === undefined ? undefined : { $ilike: escapeLike(filter.email) };
  return paginate(em, Customer, { ...whereOf({ email, externalId: filter.externalId }, filter), ...metadataWhere(filter.metadata) }, page);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
