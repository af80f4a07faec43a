import type { EntityManager } from '@mikro-orm/postgresql';
import { TransactionEvent } from './transaction-event.entity';
import type { TransactionEventTypeValue } from './transaction-event-type';
import { canTransition } from './transaction-state';
import type { TransactionStatus } from './transaction-status';
import type { Transaction } from './transaction.entity';

export interface EventDetails {
  type?: TransactionEventTypeValue;
  message?: string;
  amountMinor?: bigint;
  data?: Record<string, unknown>;
}

/**
 * Moves a transaction to `to` and appends the event, if the state machine allows it. Returns false (and
 * writes nothing) for a repeat of the current status or an illegal move — a late or duplicate provider
 * report must change nothing.
 */
export function moveTo(em: EntityManager, transaction: Transaction, to: TransactionStatus, details: EventDetails = {}): boolean {
  const from = transaction.status;
  if (from === to || !canTransition(from, to)) return false;
  transaction.status = to;
  recordEvent(em, transaction, { type: 'status_changed', ...details }, from, to);
  return true;
}

/** An event without a status change: a capture on a multi-capture authorization, a refund, a mismatch. */
export function recordEvent(
  em: EntityManager,
  transaction: Transaction,
  details: EventDetails & { type: TransactionEventTypeValue },
  fromStatus?: TransactionStatus,
  toStatus?: TransactionStatus,
): void {
  em.persist(eventOf(em, transaction, details, fromStatus, toStatus));
}

/** The event row recordEvent appends, not yet persisted: for a caller that inserts it itself (em.insert). */
export function eventOf(
  em: EntityManager,
  transaction: Transaction,
  details: EventDetails & { type: TransactionEventTypeValue },
  fromStatus?: TransactionStatus,
  toStatus?: TransactionStatus,
): TransactionEvent {
  const data = { transaction, type: details.type, fromStatus, toStatus, amountMinor: details.amountMinor, message: details.message, data: details.data };
  return em.create(TransactionEvent, data, { persist: false });
}
