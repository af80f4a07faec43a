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

/**
 * One DataLoader per key, created per request on the request's scoped EntityManager, so every statement carries
 * the acting site's condition (tenantCondition). Results come back in key order; a missing row is null (another
 * site's id behaves as not found). Rows are read snapshots: the loaders
 * only feed reads, and hydrating managed entities was the largest cost of a nested page.
 */
export function createLoaders(em: EntityManager) {
  return {
    // Sites are not site-owned: the viewer and node resolvers ask only for the ids a key may see.
    site: byId(em, Site),
    customer: byId(em, Customer),
    order: byId(em, Order),
    paymentMethod: byId(em, PaymentMethod),
    transaction: byId(em, Transaction),
    transactionEvent: byId(em, TransactionEvent),
    refund: byId(em, Refund),
    payout: byId(em, Payout),
    scheduledPayment: byId(em, ScheduledPayment),
    ordersOfCustomer: pagesByParent(em, Order, 'customer'),
    paymentMethodsOfCustomer: pagesByParent(em, PaymentMethod, 'customer'),
    transactionsOfCustomer: pagesByParent(em, Transaction, 'customer'),
    scheduledPaymentsOfCustomer: pagesByParent(em, ScheduledPayment, 'customer'),
    payoutsOfCustomer: pagesByParent(em, Payout, 'customer'),
    transactionsOfOrder: pagesByParent(em, Transaction, 'order'),
    scheduledPaymentsOfOrder: pagesByParent(em, ScheduledPayment, 'order'),
    transactionsOfPaymentMethod: pagesByParent(em, Transaction, 'paymentMethod'),
    refundsOfTransaction: pagesByParent(em, Refund, 'transaction'),
    // History reads oldest first.
    eventsOfTransaction: pagesByParent(em, TransactionEvent, 'transaction', 'asc'),
    eventsOfScheduledPayment: pagesByParent(em, ScheduledPaymentEvent, 'scheduledPayment', 'asc'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

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
