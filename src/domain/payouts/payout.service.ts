import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { CardData } from '../../providers/card-data';
import type { PaymentProvider, PaymentSource, PayoutRequest } from '../../providers/provider';
import { facetOf } from '../../providers/registry';
import { Customer } from '../customers/customer.entity';
import { InvalidInputError, InvalidStateError, NotFoundError } from '../../kernel/errors';
import type { Money } from '../../kernel/money';
import { validateCard, type RawCard } from '../../kernel/card-validation';
import { PaymentMethod, PaymentMethodStatus } from '../payment-methods/payment-method.entity';
import { checkAmountFits, unsupported } from '../payments/pay-command';
import { adapterFor, customerData, deadlineOf, newReference, type PaymentsEnv } from '../engine/payments-env';
import { runPhases } from '../engine/phases';
import type { RefusalFields } from '../engine/movement-refusal';
import { callProvider, type CallResult } from '../engine/provider-call';
import { applyPayoutResult } from './apply-payout';
import { payOutValidated } from './payout-steps';
import { Payout, PayoutStep } from './payout.entity';
import { callerScope, type Principal } from '../sites/principal';
import { loadActingSite } from '../tenancy';

/** Where CreatePayoutInput's destination lies, for the fields of userErrors about it. */
const DESTINATION = ['input', 'destination'];

export interface PayoutCommand {
  provider?: string;
  amount: Money;
  card?: RawCard;
  paymentMethodId?: string;
  customerId?: string;
  description?: string;
  /** Validate only (a provider whose payouts validate first): the payout stays VALIDATED until capturePayout. */
  validateOnly?: boolean;
}

/** Where a provider's refusal of createPayout points in its input (engine/movement-refusal.ts). */
export const PAYOUT_REFUSAL_FIELDS: RefusalFields = {
  amount: ['input', 'amount'],
  currency: ['input', 'amount', 'currency'],
  customer: ['input', 'customerId'],
  merchant: ['input', 'provider'],
  request: ['input'],
};

interface PayoutState {
  payoutId: string;
  adapter: PaymentProvider;
  request: PayoutRequest;
}

/**
 * One call (`payout`), or, when the provider validates first, two steps: the validation through the three
 * phases, then the pay-out of a validated payout as its own step (payOutValidated), which the reconciler
 * takes over if this request dies between them.
 */
export async function createPayout(env: PaymentsEnv, principal: Principal, cmd: PayoutCommand, key?: string) {
  const answer = await runPhases<PayoutState, CallResult>(env, { scope: callerScope(principal), key, operation: 'createPayout', input: cmd }, {
    prepare: (tx) => preparePayout(env, tx, principal, cmd),
    call: (s) => callProvider(deadlineOf(env), (options) => firstStep(s.adapter)(s.request, options)),
    record: async (tx, s, result) => {
      const payout = await tx.findOneOrFail(Payout, { id: s.payoutId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      applyPayoutResult(payout, result);
      await tx.flush();
      return { payoutId: payout.id };
    },
  });
  if (!answer.replayed && !cmd.validateOnly && typeof answer.response.payoutId === 'string') await payOutValidated(env, answer.response.payoutId);
  return answer;
}

function firstStep(adapter: PaymentProvider) {
  const payouts = facetOf(adapter, 'payouts');
  return payouts.validates ? payouts.validate! : payouts.payout;
}

async function preparePayout(env: PaymentsEnv, tx: EntityManager, principal: Principal, cmd: PayoutCommand) {
  const site = await loadActingSite(tx);
  const method = cmd.paymentMethodId ? await tx.findOne(PaymentMethod, { id: cmd.paymentMethodId }, { populate: ['customer'] }) : null;
  if (cmd.paymentMethodId && !method) throw new NotFoundError('payment method', [...DESTINATION, 'paymentMethodId']);
  if (method && method.status !== PaymentMethodStatus.ACTIVE) throw new InvalidStateError('this payment method was removed', [...DESTINATION, 'paymentMethodId']);
  const customer = cmd.customerId ? await tx.findOne(Customer, { id: cmd.customerId }) : (method?.customer ?? null);
  if (cmd.customerId && !customer) throw new NotFoundError('customer', ['input', 'customerId']);
  const key = cmd.provider ?? method?.provider;
  if (!key || !env.registry.has(key)) throw new InvalidInputError('UNKNOWN_PROVIDER', 'name a configured provider', ['input', 'provider']);
  const limits = env.registry.facet(key, 'payouts', 'payouts');
  if (limits.currencies && !limits.currencies.includes(cmd.amount.currency)) throw unsupported(key, `payouts in ${cmd.amount.currency}`, ['input', 'amount', 'currency']);
  checkAmountFits(key, limits, cmd.amount);
  if (cmd.validateOnly && !limits.validates) throw unsupported(key, 'validate-only payouts; it pays out in one call', ['input', 'validateOnly']);
  // A provider the customer pays at (paysafecard) pays out to the customer's account there, found by their data.
  const toAccount = env.registry.module(key).facets.payments.redirect;
  if (toAccount) checkAccountPayout(key, cmd, method, customer);
  // Both cannot arrive (CreatePayoutInput.destination is @oneOf); none is refused here, as it depends on the provider.
  else if (!cmd.card && !method) throw new InvalidInputError('SOURCE_REQUIRED', `provider "${key}" pays out to a card or saved method: give destination { card } or { paymentMethodId }`, DESTINATION);
  if (cmd.card) validateCard(cmd.card, [...DESTINATION, 'card']);
  const adapter = await adapterFor(env, tx, site, key, principal.siteId);
  const reference = newReference('po');
  const step = limits.validates ? PayoutStep.VALIDATE : undefined;
  const payout = tx.create(Payout, { site, customer: customer ?? undefined, paymentMethod: method ?? undefined, provider: key, amountMinor: cmd.amount.amountMinor, currency: cmd.amount.currency, reference, step, validateOnly: !!cmd.validateOnly });
  await tx.flush();
  const destination: PaymentSource = toAccount
    ? { type: 'redirect' }
    : cmd.card
      ? { type: 'card', card: new CardData(cmd.card.number, cmd.card.expMonth, cmd.card.expYear, cmd.card.cvc, cmd.card.holderName) }
      : { type: 'token', token: method!.providerToken ?? '' };
  const notificationUrl = `${env.registry.publicUrl()}/callbacks/${key}`;
  const request: PayoutRequest = { reference, amount: cmd.amount, destination, customer: customerData(customer), description: cmd.description, notificationUrl };
  return { payoutId: payout.id, adapter, request, movement: { kind: 'payout' as const, id: payout.id } };
}

function checkAccountPayout(key: string, cmd: PayoutCommand, method: PaymentMethod | null, customer: Customer | null): void {
  if (cmd.card || method) throw unsupported(key, 'payouts to a card or saved method; it pays out to the customer\'s account (customerId)', [...DESTINATION, cmd.card ? 'card' : 'paymentMethodId']);
  if (!customer) throw new InvalidInputError('CUSTOMER_REQUIRED', `provider "${key}" pays out to the customer's account: name the customer (customerId)`, ['input', 'customerId']);
  if (!customer.email || !customer.firstName || !customer.lastName || !customer.birthDate) {
    throw new InvalidInputError('CUSTOMER_DATA_REQUIRED', `provider "${key}" finds the customer's account by e-mail, names and birth date; the customer lacks some`, ['input', 'customerId']);
  }
}
