import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { CardData } from '../../providers/card-data';
import type { PaymentProvider, PaymentSource, PayoutRequest } from '../../providers/provider';
import { Customer } from '../customers/customer.entity';
import { InvalidInputError, InvalidStateError, NotFoundError } from '../errors';
import type { Money } from '../money';
import { validateCard, type RawCard } from '../payment-methods/card-validation';
import { PaymentMethod, PaymentMethodStatus } from '../payment-methods/payment-method.entity';
import { checkAmountFits, unsupported } from '../payments/pay-command';
import { adapterFor, customerData, deadlineOf, newReference, type Caller, type PaymentsEnv } from '../payments/payments-env';
import { runPhases } from '../payments/phases';
import { callProvider, type CallResult } from '../payments/provider-call';
import { settleResource } from '../payments/settle';
import { applyPayoutResult } from './apply-payout';
import { Payout } from './payout.entity';
import { loadActingSite } from '../tenancy';

export interface PayoutCommand {
  provider?: string;
  amount: Money;
  card?: RawCard;
  paymentMethodId?: string;
  customerId?: string;
  description?: string;
}

interface PayoutState {
  payoutId: string;
  adapter: PaymentProvider;
  request: PayoutRequest;
}

export async function createPayout(env: PaymentsEnv, caller: Caller, cmd: PayoutCommand, key?: string) {
  return runPhases<PayoutState, CallResult>(env.em, env.idempotency, { scope: caller.scope, key, operation: 'createPayout', input: cmd }, {
    prepare: (tx) => preparePayout(env, tx, caller, cmd),
    call: (s) => callProvider(deadlineOf(env), (signal) => s.adapter.payout({ ...s.request, signal })),
    record: async (tx, s, result) => {
      const payout = await tx.findOneOrFail(Payout, { id: s.payoutId }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      applyPayoutResult(payout, result);
      await tx.flush();
      return { payoutId: payout.id };
    },
    resume: (resource) => settleResource(env, resource),
  });
}

async function preparePayout(env: PaymentsEnv, tx: EntityManager, caller: Caller, cmd: PayoutCommand) {
  const site = await loadActingSite(tx);
  const method = cmd.paymentMethodId ? await tx.findOne(PaymentMethod, { id: cmd.paymentMethodId }, { populate: ['customer'] }) : null;
  if (cmd.paymentMethodId && !method) throw new NotFoundError('payment method', ['input', 'paymentMethodId']);
  if (method && method.status !== PaymentMethodStatus.ACTIVE) throw new InvalidStateError('this payment method was removed', ['input', 'paymentMethodId']);
  const customer = cmd.customerId ? await tx.findOne(Customer, { id: cmd.customerId }) : (method?.customer ?? null);
  if (cmd.customerId && !customer) throw new NotFoundError('customer', ['input', 'customerId']);
  const key = cmd.provider ?? method?.provider;
  if (!key || !env.registry.has(key)) throw new InvalidInputError('UNKNOWN_PROVIDER', 'name a configured provider', ['input', 'provider']);
  const caps = env.registry.module(key).capabilities;
  if (!caps.payouts) throw unsupported(key, 'payouts');
  if (caps.currencies && !caps.currencies.includes(cmd.amount.currency)) throw unsupported(key, `payouts in ${cmd.amount.currency}`, ['input', 'amount', 'currency']);
  checkAmountFits(key, caps, cmd.amount);
  if (!!cmd.card === !!method) throw new InvalidInputError('SOURCE_REQUIRED', 'give exactly one of card or paymentMethodId', ['input', 'card']);
  if (cmd.card) validateCard(cmd.card, ['input', 'card']);
  const adapter = await adapterFor(env, tx, site, key, caller.siteId);
  const reference = newReference('po');
  const payout = tx.create(Payout, { site, customer: customer ?? undefined, paymentMethod: method ?? undefined, provider: key, amountMinor: cmd.amount.amountMinor, currency: cmd.amount.currency, reference });
  await tx.flush();
  const destination: PaymentSource = cmd.card
    ? { type: 'card', card: new CardData(cmd.card.number, cmd.card.expMonth, cmd.card.expYear, cmd.card.cvc, cmd.card.holderName) }
    : { type: 'token', token: method!.providerToken ?? '' };
  const notificationUrl = `${env.registry.publicUrl()}/callbacks/${key}`;
  const request: PayoutRequest = { reference, amount: cmd.amount, destination, customer: customerData(customer), description: cmd.description, notificationUrl };
  return { payoutId: payout.id, adapter, request, resource: `Payout:${payout.id}` };
}
