import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { DomainError, InvalidStateError } from '../../kernel/errors';
import { toDecimal, type Money } from '../../kernel/money';
import { Order, OrderStatus } from '../orders/order.entity';
import { Transaction } from '../transactions/transaction.entity';
import { capturedOnOrder, orderStatusFor, reservedOnOrder, type OrderPayment } from './order-balance';

/**
 * Locks the order row for the rest of the DB transaction, so payments and settlements on one order queue behind
 * each other. Whoever holds an order lock never waits for a transaction row lock (payments of the order are read
 * without locking), so a settlement holding its transaction row while it waits here cannot deadlock.
 */
export async function lockOrder(em: EntityManager, where: { id: string }): Promise<Order | null> {
  return em.findOne(Order, where, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
}

async function paymentsOf(em: EntityManager, orderId: string): Promise<OrderPayment[]> {
  return em.find(Transaction, { order: orderId }, { fields: ['status', 'amountMinor', 'capturedMinor'], refresh: true });
}

/**
 * Phase 1 of a payment for an order, with the order locked: the amount must fit in what is left after every
 * payment that took or may still take money. Refused → nothing is written and nothing is sent. Returns what is left.
 */
export async function checkOrderBalance(em: EntityManager, order: Order, amount: Money): Promise<bigint> {
  if (order.status === OrderStatus.CANCELLED) throw new InvalidStateError('the order is cancelled; it takes no payments', ['input', 'orderId']);
  if (order.status === OrderStatus.PAID) throw new InvalidStateError('the order is already paid', ['input', 'orderId']);
  const reserved = reservedOnOrder(await paymentsOf(em, order.id));
  const remaining = BigInt(order.amountMinor) - reserved;
  if (amount.amountMinor <= remaining) return remaining;
  const left = remaining > 0n ? remaining : 0n;
  throw new DomainError(
    'AMOUNT_EXCEEDS_ORDER_BALANCE',
    `at most ${toDecimal(left, order.currency)} ${order.currency} remains to be paid on this order (payments in progress count as taken)`,
    ['input', 'amount', 'amount'],
  );
}

/**
 * Settling an order (the one meaning of "settle" in the engine): phase 3, and every callback or status query
 * that resolves a payment, capture or refund: the order's status follows what its payments captured,
 * recomputed under the order's row lock in the same DB transaction that
 * records the result, so two payments settling at once both count.
 */
export async function settleOrder(em: EntityManager, txn: Transaction, log?: Logger): Promise<void> {
  const orderId = txn.order?.id;
  if (!orderId) return;
  await em.flush();
  const order = await lockOrder(em, { id: orderId });
  if (!order) return;
  const next = orderStatusFor(order.status, BigInt(order.amountMinor), capturedOnOrder(await paymentsOf(em, orderId)));
  if (next === order.status) return;
  log?.info({ orderId, from: order.status, to: next, transactionId: txn.id }, 'order status changed');
  order.status = next;
  await em.flush();
}
