import { LockMode } from '@mikro-orm/core';
import { inTransaction } from '../engine/in-transaction';
import { newReference, type PaymentsEnv } from '../engine/payments-env';
import { askStatus } from '../engine/provider-status';
import { settleOrder } from '../payments/order-settlement';
import type { CallbackTarget } from '../provider-events/callback-target';
import { TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { recordEvent } from '../transactions/transaction-transitions';
import { Refund, RefundStatus } from './refund.entity';

/**
 * Money the provider took back after a payment succeeded, without the merchant asking: an ACH return or a
 * chargeback (Payneteasy reports them on notify_url after the sale's final status). The callback saying so is a
 * hint — Payneteasy's control covers neither its type nor its amount — so the provider's status decides: the
 * total it reports as reversed (ProviderOutcome.reversed), compared under the payment's row lock with what the
 * gateway has refunded. The difference becomes a refund the provider made (SUCCEEDED at once: there is no call
 * of ours to recover), so a repeated or replayed callback adds nothing.
 *
 * Returns whether the callback is settled: false when the provider reports nothing reversed (yet), so the
 * stored event stays unprocessed and a redelivery is confirmed again — a replayed sale callback posing as a
 * return must not use up the key of the genuine return that comes later.
 */
export async function applyProviderReversal(env: PaymentsEnv, target: CallbackTarget): Promise<boolean> {
  if (target.ref.kind !== 'payment') return true;
  const em = env.em.fork();
  const txn = await em.findOne(Transaction, { id: target.ref.id }, { populate: ['site'] });
  if (!txn || txn.status !== TransactionStatus.SUCCEEDED) return true;
  const request = { operation: 'payment' as const, reference: txn.reference, providerTransactionId: txn.providerTransactionId, amount: { amountMinor: BigInt(txn.amountMinor), currency: txn.currency } };
  const outcome = await askStatus(env, em, txn.site, txn.provider, request);
  if (!outcome) return false;
  const reversed = outcome.reversed;
  if (!reversed || reversed.currency !== txn.currency || reversed.amountMinor <= 0n) return false;
  await inTransaction(env.em, async (tx) => {
    const locked = await tx.findOneOrFail(Transaction, { id: txn.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const total = reversed.amountMinor < BigInt(locked.capturedMinor) ? reversed.amountMinor : BigInt(locked.capturedMinor);
    const added = total - BigInt(locked.refundedMinor);
    if (added <= 0n) return;
    const reason = `reversed by the provider${outcome.providerMessage ? `: ${outcome.providerMessage}` : ''}`;
    tx.create(Refund, { site: locked.site, transaction: locked, amountMinor: added, currency: locked.currency, reason, status: RefundStatus.SUCCEEDED, reference: newReference('rf'), callStartedAt: new Date() });
    locked.refundedMinor = total;
    recordEvent(tx, locked, { type: 'reversed_by_provider', amountMinor: added, message: reason });
    await tx.flush();
    await settleOrder(tx, locked, env.log);
  });
  return true;
}
