import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { EntityName } from '@mikro-orm/core';
import { snapshots } from '../domain/read/read-snapshot';
import { tenantCondition } from '../domain/tenancy';
import { Customer } from '../domain/customers/customer.entity';
import { Order } from '../domain/orders/order.entity';
import type { Page, Position } from '../domain/read/pagination';
import { pagePerParent, type Direction } from '../domain/read/pagination-per-parent';
import { PaymentMethod } from '../domain/payment-methods/payment-method.entity';
import { Payout } from '../domain/payouts/payout.entity';
import { Refund } from '../domain/refunds/refund.entity';
import { ScheduledPayment } from '../domain/scheduled-payments/scheduled-payment.entity';
import { ScheduledPaymentEvent } from '../domain/scheduled-payments/scheduled-payment-event.entity';
import { Site } from '../domain/sites/site.entity';
import { TransactionEvent } from '../domain/transactions/transaction-event.entity';
import { Transaction } from '../domain/transactions/transaction.entity';

/** How each loader of a request is made, on the request's scoped EntityManager. */
const MAKERS = {
  // Sites are not site-owned: the viewer and node resolvers ask only for the ids a key may see.
  site: (em: EntityManager) => byId(em, Site),
  customer: (em: EntityManager) => byId(em, Customer),
  order: (em: EntityManager) => byId(em, Order),
  paymentMethod: (em: EntityManager) => byId(em, PaymentMethod),
  transaction: (em: EntityManager) => byId(em, Transaction),
  transactionEvent: (em: EntityManager) => byId(em, TransactionEvent),
  refund: (em: EntityManager) => byId(em, Refund),
  payout: (em: EntityManager) => byId(em, Payout),
  scheduledPayment: (em: EntityManager) => byId(em, ScheduledPayment),
  ordersOfCustomer: (em: EntityManager) => pagesByParent(em, Order, 'customer'),
  paymentMethodsOfCustomer: (em: EntityManager) => pagesByParent(em, PaymentMethod, 'customer'),
  transactionsOfCustomer: (em: EntityManager) => pagesByParent(em, Transaction, 'customer'),
  scheduledPaymentsOfCustomer: (em: EntityManager) => pagesByParent(em, ScheduledPayment, 'customer'),
  payoutsOfCustomer: (em: EntityManager) => pagesByParent(em, Payout, 'customer'),
  transactionsOfOrder: (em: EntityManager) => pagesByParent(em, Transaction, 'order'),
  scheduledPaymentsOfOrder: (em: EntityManager) => pagesByParent(em, ScheduledPayment, 'order'),
  transactionsOfPaymentMethod: (em: EntityManager) => pagesByParent(em, Transaction, 'paymentMethod'),
  refundsOfTransaction: (em: EntityManager) => pagesByParent(em, Refund, 'transaction'),
  // History reads oldest first.
  eventsOfTransaction: (em: EntityManager) => pagesByParent(em, TransactionEvent, 'transaction', 'asc'),
  eventsOfScheduledPayment: (em: EntityManager) => pagesByParent(em, ScheduledPaymentEvent, 'scheduledPayment', 'asc'),
};

export type Loaders = { readonly [K in keyof typeof MAKERS]: ReturnType<(typeof MAKERS)[K]> };

/** Shared by every request's loaders: a getter per loader that makes it on first use and keeps it on the instance. */
class LazyLoaders {
  constructor(readonly em: EntityManager) {}
}
for (const [name, make] of Object.entries(MAKERS)) {
  Object.defineProperty(LazyLoaders.prototype, name, {
    get(this: LazyLoaders) {
      const value = make(this.em);
      Object.defineProperty(this, name, { value });
      return value;
    },
  });
}

/**
 * One DataLoader per key, created per request on the request's scoped EntityManager, so every statement carries
 * the acting site's condition (tenantCondition). Results come back in key order; a missing row is null (another
 * site's id behaves as not found). Rows are read snapshots: the loaders only feed reads, and hydrating managed
 * entities was the largest cost of a nested page. Each loader is made when a resolver first asks for it: a
 * request uses two or three of them.
 */
export function createLoaders(em: EntityManager): Loaders {
  return new LazyLoaders(em) as unknown as Loaders;
}

/** Rows by primary key, one statement per batch, kept inside the acting site. */
export function byId<T extends { id: string }>(em: EntityManager, entity: EntityName<T>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const table = snapshots(em, entity);
    const { sql, params } = tenantCondition(em, entity as EntityName<object>);
    const rows = await em.execute<Record<string, unknown>[]>(`select ${table.columns} from ${table.table} t where t."id" in (?) and ${sql}`, [
      [...ids],
      ...params,
    ]);
    const byKey = new Map(rows.map((row) => [String(row.id), table.map(row)]));
    return ids.map((id) => byKey.get(id) ?? null);
  });
}

export interface PageArgs {
  first: number;
  after?: Position;
}

/**
 * Nested connections: one DataLoader per distinct (first, after), each batching every parent of the request
 * into one windowed statement, so `orders { transactions(first: 5) }` costs one query for all orders.
 */
export function pagesByParent<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  parentKey: string,
  direction: Direction = 'desc',
): (args: PageArgs) => DataLoader<string, Page<T>> {
  const loaders = new Map<string, DataLoader<string, Page<T>>>();
  return (args) => {
    const key = `${args.first}|${args.after?.createdAt.toISOString() ?? ''}|${args.after?.id ?? ''}`;
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (parentIds) => {
        const pages = await pagePerParent(em, entity, { ...args, parentKey, parentIds, direction });
        return parentIds.map((id) => pages.get(id) ?? { rows: [], hasNextPage: false });
      });
      loaders.set(key, loader);
    }
    return loader;
  };
}
