import { checkOrderBalance, lockOrder } from '../payments/order-settlement';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { CardData } from '../../providers/card-data';
import type { PaymentProvider, ProviderError, TokenizeOutcome, TokenizeRequest } from '../../providers/provider';
import { facetOf } from '../../providers/registry';
import { ClientToken } from '../client-tokens/client-token.entity';
import { Customer } from '../customers/customer.entity';
import { DomainError, InvalidInputError, NotFoundError } from '../../kernel/errors';
import type { Money } from '../../kernel/money';
import { applyPaymentResult } from '../payments/apply-outcome';
import { paymentUrls } from '../payments/pay.service';
import { PaymentStep } from '../payments/payment-steps';
import { payWithSavedToken } from '../payments/tokenize-then-pay';
import { adapterFor, customerData, deadlineOf, newReference, type PaymentsEnv } from '../engine/payments-env';
import { runPhases } from '../engine/phases';
import { callProvider } from '../engine/provider-call';
import { Site } from '../sites/site.entity';
import { TransactionKind } from '../transactions/transaction-status';
import { Transaction, transactionCard } from '../transactions/transaction.entity';
import { recordEvent } from '../transactions/transaction-transitions';
import { validateCard, type RawCard } from '../../kernel/card-validation';
import { PaymentMethod, PaymentMethodStatus, PaymentMethodType } from './payment-method.entity';
import { callerScope, type Principal } from '../sites/principal';
import { loadActingSite } from '../tenancy';

export interface CreatePaymentMethodCommand {
  provider: string;
  card: RawCard;
  customerId?: string;
  /** Charge the card in the same step. */
  charge?: { amount: Money; capture: boolean };
  /** The order the method is saved for (and the charge pays): PayNearMe saves methods on an order. */
  orderId?: string;
  /** Tokenized through this client token: the method is single-use (tokenizeCard). */
  clientTokenId?: string;
}

interface TokenizeState {
  siteId: string;
  customerId?: string;
  transactionId?: string;
  clientTokenId?: string;
  adapter: PaymentProvider;
  request: TokenizeRequest;
}

type TokenizeResult = { kind: 'outcome'; outcome: TokenizeOutcome } | { kind: 'error'; error: ProviderError };

/**
 * Saves a card, optionally charging it: in one call when the provider can (withPayment), otherwise the
 * tokenization through the phases and then the charge with the new token as its own step (tokenize-then-pay.ts).
 */
export async function createPaymentMethod(env: PaymentsEnv, principal: Principal, cmd: CreatePaymentMethodCommand, key?: string) {
  const answer = await runPhases<TokenizeState, TokenizeResult>(env, { scope: callerScope(principal), key, operation: 'createPaymentMethod', input: cmd }, {
    prepare: (tx) => prepareTokenize(env, tx, principal, cmd),
    call: (s) => callProvider(deadlineOf(env), (options) => facetOf(s.adapter, 'savedMethods').tokenize(s.request, options)),
    record: (tx, s, result) => recordTokenize(env, tx, s, result),
  });
  if (!answer.replayed && typeof answer.response.transactionId === 'string') await payWithSavedToken(env, answer.response.transactionId);
  return answer;
}

async function prepareTokenize(env: PaymentsEnv, tx: EntityManager, principal: Principal, cmd: CreatePaymentMethodCommand) {
  const site = await loadActingSite(tx);
  if (!env.registry.has(cmd.provider)) throw new InvalidInputError('UNKNOWN_PROVIDER', `provider "${cmd.provider}" is not configured`, ['input', 'provider']);
  const saved = env.registry.facet(cmd.provider, 'savedMethods', 'saved payment methods');
  const customer = cmd.customerId ? await tx.findOne(Customer, { id: cmd.customerId }) : null;
  if (cmd.customerId && !customer) throw new NotFoundError('customer', ['input', 'customerId']);
  validateCard(cmd.card, ['input', 'card']);
  const order = cmd.orderId ? await lockOrder(tx, { id: cmd.orderId }) : null;
  if (cmd.orderId && !order) throw new NotFoundError('order', ['input', 'orderId']);
  if (order && cmd.charge) await checkOrderBalance(tx, order, cmd.charge.amount);
  const adapter = await adapterFor(env, tx, site, cmd.provider, principal.siteId);
  const card = new CardData(cmd.card.number, cmd.card.expMonth, cmd.card.expYear, cmd.card.cvc, cmd.card.holderName);
  const inOneCall = !!cmd.charge && saved.withPayment;
  const reference = newReference(cmd.charge ? 'pay' : 'tk');
  const request: TokenizeRequest = { reference: inOneCall || !cmd.charge ? reference : newReference('tk'), card, customer: customerData(customer), providerOrderId: order?.providerOrderId };
  const base = { siteId: site.id, customerId: customer?.id, clientTokenId: cmd.clientTokenId, adapter, request };
  // Saving a card moves no money: no movement, so a retry after a crash or a refusal simply saves it again.
  if (!cmd.charge) return base;
  if (inOneCall) request.charge = { ...cmd.charge, ...paymentUrls(env, cmd.provider, reference) };
  const kind = cmd.charge.capture ? TransactionKind.SALE : TransactionKind.AUTHORIZATION;
  const step = inOneCall ? PaymentStep.PAY : PaymentStep.TOKENIZE;
  const partnerSiteId = principal.siteId !== site.id ? principal.siteId : undefined;
  const txn = tx.create(Transaction, { site, order: order ?? undefined, customer: customer ?? undefined, provider: cmd.provider, kind, amountMinor: cmd.charge.amount.amountMinor, currency: cmd.charge.amount.currency, reference, step, partnerSiteId, card: transactionCard(card.summary) });
  recordEvent(tx, txn, { type: 'created', amountMinor: txn.amountMinor, data: { provider: cmd.provider, kind, saveMethod: true } });
  await tx.flush();
  return { ...base, transactionId: txn.id, movement: { kind: 'payment' as const, id: txn.id } };
}

async function recordTokenize(env: PaymentsEnv, tx: EntityManager, s: TokenizeState, result: TokenizeResult) {
  const txn = s.transactionId ? await tx.findOneOrFail(Transaction, { id: s.transactionId }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
  if (result.kind === 'error') {
    if (!txn) throw saveFailed(result.error);
    applyPaymentResult(tx, txn, result, 'response', env.log);
    await tx.flush();
    return { transactionId: txn.id };
  }
  const { token, card, payment } = result.outcome;
  const method = tx.create(PaymentMethod, {
    site: tx.getReference(Site, s.siteId),
    customer: s.customerId ? tx.getReference(Customer, s.customerId) : undefined,
    provider: s.adapter.key,
    type: PaymentMethodType.CARD,
    ...card,
    providerToken: token,
    ...(s.clientTokenId ? { singleUse: true, clientToken: tx.getReference(ClientToken, s.clientTokenId) } : {}),
  });
  if (txn) txn.paymentMethod = method;
  // In one call the charge's outcome came with the token; in steps the charge is the next step.
  if (txn && payment) applyPaymentResult(tx, txn, { kind: 'outcome', outcome: payment }, 'response', env.log);
  await tx.flush();
  return txn ? { paymentMethodId: method.id, transactionId: txn.id } : { paymentMethodId: method.id };
}

/**
 * A save without a charge that failed: the key is released (see phases.ts), so the same key may be retried.
 * An indeterminate error is not a refusal: the provider may hold a token we never learnt.
 */
function saveFailed(error: ProviderError): DomainError {
  if (error.kind !== 'indeterminate') return new DomainError('PROVIDER_ERROR', `the provider refused to save the card: ${error.message}`, ['input', 'card']);
  return new DomainError(
    'PROVIDER_OUTCOME_UNKNOWN',
    `the provider did not answer (${error.message}), so it is unknown whether it saved the card. No payment method was created and nothing was charged; retry with the same idempotency key to save the card (a token the provider may have kept is never used).`,
    ['input', 'card'],
  );
}

/** Marks the method removed (it can't be paid with again), then asks the provider to forget the token. */
export async function removePaymentMethod(env: PaymentsEnv, principal: Principal, cmd: { paymentMethodId: string }, key?: string) {
  const result = await env.idempotency.run({ scope: callerScope(principal), key, operation: 'removePaymentMethod', input: cmd }, async (tx) => {
    const method = await tx.findOne(PaymentMethod, { id: cmd.paymentMethodId }, { populate: ['site'] });
    if (!method || method.status === PaymentMethodStatus.REMOVED) throw new NotFoundError('payment method', ['input', 'paymentMethodId']);
    method.status = PaymentMethodStatus.REMOVED;
    method.removedAt = new Date();
    await tx.flush();
    return { paymentMethodId: method.id };
  });
  if (!result.replayed) await forgetToken(env, principal, cmd.paymentMethodId);
  return result;
}

async function forgetToken(env: PaymentsEnv, principal: Principal, id: string): Promise<void> {
  const em = env.em.fork();
  const method = await em.findOneOrFail(PaymentMethod, { id }, { populate: ['site'] });
  try {
    const adapter = await adapterFor(env, em, method.site, method.provider, principal.siteId);
    const remove = adapter.savedMethods?.remove;
    if (remove && method.providerToken) await remove({ token: method.providerToken });
  } catch (error) {
    env.log.warn({ paymentMethodId: id, error: error instanceof Error ? error.message : String(error) }, 'provider did not remove the token');
  }
}
