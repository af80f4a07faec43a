import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { EntityName } from '@mikro-orm/core';
import { Customer } from '../domain/customers/customer.entity';
import { Order } from '../domain/orders/order.entity';
import type { Page, Position } from '../domain/pagination';
import { pagePerParent, type Direction } from '../domain/pagination-per-parent';
import { PaymentMethod } from '../domain/payment-methods/payment-method.entity';
import { Payout } from '../domain/payouts/payout.entity';
import { Refund } from '../domain/refunds/refund.entity';
import { ScheduledPayment } from '../domain/scheduled-payments/scheduled-payment.entity';
import { Site } from '../domain/sites/site.entity';
import { TransactionEvent } from '../domain/transactions/transaction-event.entity';
import { Transaction } from '../domain/transactions/transaction.entity';

/**
 * One DataLoader per key, created per request and scoped to the acting site. Results come back in key
 * order; a missing row is null (another site's id behaves as not found).
 */
export function createLoaders(em: EntityManager, actingSiteId: string) {
  const site = () => ({ site: actingSiteId });
  const rowsOfSite: PageScope = () => ({ sql: 't."site_id" = ?', params: [actingSiteId] });
  const eventsOfSite: PageScope = () => ({
    sql: 't."transaction_id" in (select "id" from "transaction" where "site_id" = ?)',
    params: [actingSiteId],
  });
  return {
    site: byId(em, Site, () => ({})),
    actingSiteId,
    customer: byId(em, Customer, site),
    order: byId(em, Order, site),
    paymentMethod: byId(em, PaymentMethod, site),
    transaction: byId(em, Transaction, site),
    transactionEvent: byId(em, TransactionEvent, () => ({ transaction: { site: actingSiteId } })),
    refund: byId(em, Refund, site),
    payout: byId(em, Payout, site),
    scheduledPayment: byId(em, ScheduledPayment, site),
    ordersOfCustomer: pagesByParent(em, Order, 'customer', rowsOfSite),
    paymentMethodsOfCustomer: pagesByParent(em, PaymentMethod, 'customer', rowsOfSite),
    transactionsOfCustomer: pagesByParent(em, Transaction, 'customer', rowsOfSite),
    scheduledPaymentsOfCustomer: pagesByParent(em, ScheduledPayment, 'customer', rowsOfSite),
    payoutsOfCustomer: pagesByParent(em, Payout, 'customer', rowsOfSite),
    transactionsOfOrder: pagesByParent(em, Transaction, 'order', rowsOfSite),
    scheduledPaymentsOfOrder: pagesByParent(em, ScheduledPayment, 'order', rowsOfSite),
    transactionsOfPaymentMethod: pagesByParent(em, Transaction, 'paymentMethod', rowsOfSite),
    refundsOfTransaction: pagesByParent(em, Refund, 'transaction', rowsOfSite),
    // History reads oldest first.
    eventsOfTransaction: pagesByParent(em, TransactionEvent, 'transaction', eventsOfSite, 'asc'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export function byId<T extends { id: string }>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  scope: () => Record<string, unknown>,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await em.find(entity as never, { id: { $in: [...ids] }, ...scope() } as never);
    const byKey = new Map((rows as T[]).map((r) => [r.id, r]));
    return ids.map((id) => byKey.get(id) ?? null);
  });
}

/** Children grouped by a parent foreign key, e.g. transactions by order id. */
export function byParent<T>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  foreignKey: string,
  scope: () => Record<string, unknown>,
  parentIdOf: (row: T) => string,
  orderBy: Record<string, 'asc' | 'desc'> = { createdAt: 'desc', id: 'desc' },
): DataLoader<string, T[]> {
  return new DataLoader(async (parentIds) => {
    const rows = (await em.find(
      entity as never,
      { [foreignKey]: { $in: [...parentIds] }, ...scope() } as never,
      { orderBy } as never,
    )) as T[];
    const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) groups.get(parentIdOf(row))?.push(row);
    return parentIds.map((id) => groups.get(id) ?? []);
  });
}

type PageScope = () => { sql: string; params: unknown[] };

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
  scope: PageScope,
  direction: Direction = 'desc',
): (args: PageArgs) => DataLoader<string, Page<T>> {
  const loaders = new Map<string, DataLoader<string, Page<T>>>();
  return (args) => {
    const key = `${args.first}|${args.after?.createdAt.toISOString() ?? ''}|${args.after?.id ?? ''}`;
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (parentIds) => {
        const { sql, params } = scope();
        const pages = await pagePerParent(em, entity, { ...args, parentKey, parentIds, direction, scopeSql: sql, scopeParams: params });
        return parentIds.map((id) => pages.get(id) ?? { rows: [], hasNextPage: false });
      });
      loaders.set(key, loader);
    }
    return loader;
  };
}
