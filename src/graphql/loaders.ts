import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { EntityName } from '@mikro-orm/core';
import { snapshots } from '../domain/read-snapshot';
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
 * order; a missing row is null (another site's id behaves as not found). Rows are read snapshots: the loaders
 * only feed reads, and hydrating managed entities was the largest cost of a nested page.
 */
export function createLoaders(em: EntityManager, actingSiteId: string) {
  const rowsOfSite: PageScope = { sql: 't."site_id" = ?', params: [actingSiteId] };
  const eventsOfSite: PageScope = {
    sql: 't."transaction_id" in (select "id" from "transaction" where "site_id" = ?)',
    params: [actingSiteId],
  };
  // Which sites a key may see is decided by the viewer and node resolvers, which ask for ids they allow.
  const anySite: PageScope = { sql: 'true', params: [] };
  return {
    site: byId(em, Site, anySite),
    actingSiteId,
    customer: byId(em, Customer, rowsOfSite),
    order: byId(em, Order, rowsOfSite),
    paymentMethod: byId(em, PaymentMethod, rowsOfSite),
    transaction: byId(em, Transaction, rowsOfSite),
    transactionEvent: byId(em, TransactionEvent, eventsOfSite),
    refund: byId(em, Refund, rowsOfSite),
    payout: byId(em, Payout, rowsOfSite),
    scheduledPayment: byId(em, ScheduledPayment, rowsOfSite),
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

/** Rows by primary key, one statement per batch, kept inside `scope`. */
export function byId<T extends { id: string }>(em: EntityManager, entity: EntityName<T>, scope: PageScope): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const table = snapshots(em, entity);
    const { sql, params } = scope;
    const rows = await em.execute<Record<string, unknown>[]>(`select ${table.columns} from ${table.table} t where t."id" in (?) and ${sql}`, [
      [...ids],
      ...params,
    ]);
    const byKey = new Map(rows.map((row) => [String(row.id), table.map(row)]));
    return ids.map((id) => byKey.get(id) ?? null);
  });
}

/** SQL condition that keeps rows inside what the request may see; `?` placeholders take `params`. */
interface PageScope {
  sql: string;
  params: unknown[];
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
  scope: PageScope,
  direction: Direction = 'desc',
): (args: PageArgs) => DataLoader<string, Page<T>> {
  const loaders = new Map<string, DataLoader<string, Page<T>>>();
  return (args) => {
    const key = `${args.first}|${args.after?.createdAt.toISOString() ?? ''}|${args.after?.id ?? ''}`;
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader(async (parentIds) => {
        const { sql, params } = scope;
        const pages = await pagePerParent(em, entity, { ...args, parentKey, parentIds, direction, scopeSql: sql, scopeParams: params });
        return parentIds.map((id) => pages.get(id) ?? { rows: [], hasNextPage: false });
      });
      loaders.set(key, loader);
    }
    return loader;
  };
}
