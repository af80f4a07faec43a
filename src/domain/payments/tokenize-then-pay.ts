import { LockMode } from '@mikro-orm/core';
import type { PayRequest } from '../../providers/provider';
import { inTransaction } from '../engine/in-transaction';
import { adapterFor, customerData, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { callProvider } from '../engine/provider-call';
import { beginStep } from '../engine/steps';
import type { StoredResponse } from '../idempotency/idempotency.service';
import { TransactionKind, TransactionStatus } from '../transactions/transaction-status';
import { Transaction } from '../transactions/transaction.entity';
import { moveTo } from '../transactions/transaction-transitions';
import { applyPaymentResult } from './apply-outcome';
import { settleOrder } from './order-settlement';
import { paymentUrls } from './pay.service';
import { PaymentStep } from './payment-steps';

/**
 * Saving a card and charging it, for a provider that cannot do both in one call (SavedMethodsFacet.withPayment
 * false): the tokenization runs through the three phases (it moves no money) and records the payment method;
 * then the payment with that token is begun as its own step, committed before the call, so it is sent once.
 * The card itself is never stored, so a tokenization whose answer was lost cannot be followed by a charge:
 * the payment ends FAILED with nothing charged, and the customer is asked again.
 */
export async function payWithSavedToken(env: PaymentsEnv, id: string): Promise<void> {
  const em = env.em.fork();
  const txn = await em.findOneOrFail(Transaction, { id }, { populate: ['site', 'customer', 'paymentMethod'] });
  if (!txn.paymentMethod?.providerToken) return;
  if (!(await beginStep(em, Transaction, id, { from: PaymentStep.TOKENIZE, to: PaymentStep.PAY, status: TransactionStatus.PENDING }))) return;
  const adapter = await adapterFor(env, em, txn.site, txn.provider);
  const request: PayRequest = {
    reference: txn.reference,
    amount: { amountMinor: BigInt(txn.amountMinor), currency: txn.currency },
    capture: txn.kind === TransactionKind.SALE,
    source: { type: 'token', token: txn.paymentMethod.providerToken },
    customer: customerData(txn.customer),
    ...paymentUrls(env, txn.provider, txn.reference),
  };
  const result = await callProvider(deadlineOf(env), (options) => adapter.payments.pay(request, options));
  await inTransaction(env.em, async (tx) => {
    const locked = await tx.findOneOrFail(Transaction, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    applyPaymentResult(tx, locked, result, 'response', env.log);
    await tx.flush();
    await settleOrder(tx, locked, env.log);
  });
}

/**
 * Recovery of a payment still in its tokenization step (the reconciler, a retry whose first owner died): with
 * the token recorded, the charge is begun once; without it nothing was charged and nothing can be, so the
 * payment fails, releasing its order balance.
 */
export async function resolveTokenizeStep(env: PaymentsEnv, id: string): Promise<StoredResponse> {
  const txn = await env.em.fork().findOneOrFail(Transaction, { id }, { populate: ['paymentMethod'] });
  if (txn.paymentMethod) {
    await payWithSavedToken(env, id);
    return { transactionId: id, paymentMethodId: txn.paymentMethod.id };
  }
  await inTransaction(env.em, async (tx) => {
    const locked = await tx.findOneOrFail(Transaction, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (locked.step !== PaymentStep.TOKENIZE || locked.paymentMethod) return;
    const reason = 'the provider did not confirm saving the card, so it was not charged; ask the customer for the card again';
    if (moveTo(tx, locked, TransactionStatus.FAILED, { message: reason, data: { source: 'gateway', code: 'CARD_NOT_SAVED' } })) {
      Object.assign(locked, { declineCode: 'CARD_NOT_SAVED', declineReason: reason });
      await settleOrder(tx, locked, env.log);
    }
  });
  return { transactionId: id };
}
