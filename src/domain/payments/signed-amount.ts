import { LockMode } from '@mikro-orm/core';
import type { ParsedCallback } from '../../providers/provider';
import type { PaymentsEnv } from '../engine/payments-env';
import { isUnsettled } from '../transactions/transaction-state';
import { Transaction } from '../transactions/transaction.entity';
import { checkMismatch } from './apply-outcome';

/**
 * A signed amount that differs from what was sent is recorded on a payment still open (a capture or refund
 * notification carries its own amount, so a settled payment is left alone). Recorded, never applied.
 */
export async function recordSignedAmount(env: PaymentsEnv, id: string, parsed: ParsedCallback): Promise<void> {
  if (!parsed.readSignedAmount) return;
  const read = parsed.readSignedAmount;
  await env.em.fork().transactional(async (tx) => {
    const txn = await tx.findOneOrFail(Transaction, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!isUnsettled(txn.status)) return;
    try {
      checkMismatch(tx, txn, { status: 'processing', amount: read(txn.currency) }, env.log);
    } catch {
      env.log.warn({ transactionId: txn.id }, 'callback amount unreadable; ignored');
    }
  });
}
