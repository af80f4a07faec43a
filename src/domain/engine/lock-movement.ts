import type { EntityManager } from '@mikro-orm/postgresql';
import type { Refund } from '../refunds/refund.entity';
import { Transaction } from '../transactions/transaction.entity';
import type { PaymentOperation } from '../payments/payment-operation.entity';
import { LockedRow, writeRows } from './row-writes';

type Movement = PaymentOperation | Refund;

/**
 * Lock first, then read: the transaction row is locked before its capture, void or refund is read, and both are
 * read fresh from the database under their lock (never from an identity map filled before the lock), as
 * snapshots the domain rules change (row-writes.ts). Two appliers of one result (a reconciler job and its retry,
 * a callback, a live record phase) queue on the transaction row, and the second sees the movement the first
 * settled, so the money is counted once. Every writer of a movement holds its transaction's lock, and always
 * takes it before the movement's, so the order cannot deadlock. `write` sends what the rules changed in one
 * statement: the transaction's events and row, then the movement's.
 */
export async function lockMovement<T extends Movement>(tx: EntityManager, entity: new () => T, id: string, transactionId?: string): Promise<LockedMovement<T>> {
  // The transaction a movement belongs to never changes, so it may be learnt before the lock (in a fork, to keep
  // this unlocked copy out of the identity map), or given by the phase 1 that made it.
  const known = transactionId ?? ((await tx.fork().findOneOrFail(entity as never, { id } as never)) as T).transaction.id;
  const txn = await LockedRow.lock(tx, Transaction, known);
  if (!txn) throw new Error(`transaction ${known} is gone`);
  const movement = await LockedRow.lock(tx, entity, id);
  if (!movement) throw new Error(`${entity.name} ${id} is gone`);
  if (movement.row.transaction.id !== txn.row.id) throw new Error(`${entity.name} ${id} does not belong to transaction ${txn.row.id}`);
  return { txn, movement, write: () => writeRows(tx, [txn, movement]) };
}

export interface LockedMovement<T extends Movement> {
  txn: LockedRow<Transaction>;
  movement: LockedRow<T>;
  /** The events recorded on `txn.events`, the transaction's changed columns, then the movement's. */
  write(): Promise<void>;
}
