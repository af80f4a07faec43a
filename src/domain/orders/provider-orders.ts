/**
 * Orders that live at a provider (PayNearMe): looked up, and recorded in the gateway's own tables — the order
 * and the saved methods found for it — so that payments name them and later reads need no provider call.
 * docs/paynearme.md describes the flow.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../../kernel/errors';
import type { Money } from '../../kernel/money';
import { ProviderError, userErrorCodeOf, type CallOptions, type FeeOption, type PaymentProvider, type ProviderOrder, type ProviderSavedMethod } from '../../providers/provider';
import { facetOf } from '../../providers/registry';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { callProvider } from '../engine/provider-call';
import { PaymentMethod, PaymentMethodStatus, PaymentMethodType } from '../payment-methods/payment-method.entity';
import type { Principal } from '../sites/principal';
import type { Site } from '../sites/site.entity';
import { loadActingSite } from '../tenancy';
import { Order } from './order.entity';
import { recordProviderPayments } from './provider-payments';

/**
 * An order that takes any amount (PayNearMe order_type "any", e.g. a gaming deposit) is recorded with the
 * largest amount the provider's format carries (9 digits before the point), so the gateway's order balance
 * never refuses a payment the provider would take.
 */
const ANY_AMOUNT_CEILING_MINOR = 99_999_999_999n;

export interface OrderQuery {
  provider: string;
  providerOrderId?: string;
  siteOrderId?: string;
}

/** The provider's refusal as a userError: its code beside ours, and its own text whole (the document's error texts). */
export function providerRefusal(error: ProviderError, field: string[]): DomainError {
  const { code, providerCode } = userErrorCodeOf(error, 'PROVIDER_UNAVAILABLE');
  return new DomainError(code, error.message, field, providerCode);
}

async function adapter(env: PaymentsEnv, principal: Principal, provider: string): Promise<{ site: Site; adapter: PaymentProvider }> {
  env.registry.facet(provider, 'providerOrders', 'orders held at the provider', ['provider']);
  const site = await loadActingSite(env.em);
  try {
    return { site, adapter: await adapterFor(env, env.em, site, provider, principal.siteId) };
  } catch (error) {
    // Credentials that cannot make a call (a client site without a 3PPP): refused before anything is sent.
    if (error instanceof ProviderError) throw providerRefusal(error, ['provider']);
    throw error;
  }
}

async function ask<T>(env: PaymentsEnv, field: string[], call: (options: CallOptions) => Promise<T>): Promise<T> {
  const result = await callProvider<T>(deadlineOf(env), call);
  if (result.kind === 'error') throw providerRefusal(result.error, field);
  return result.outcome;
}

const orderField = (q: { providerOrderId?: string }) => [q.providerOrderId ? 'providerOrderId' : 'siteOrderId'];

/** The minimal lookup ("validate if an Order exists"), recording the order; undefined when the provider has none. */
export async function lookupProviderOrder(env: PaymentsEnv, principal: Principal, q: OrderQuery): Promise<{ order: Order; facts: ProviderOrder } | undefined> {
  if (!q.providerOrderId && !q.siteOrderId) throw new DomainError('ORDER_ID_REQUIRED', 'give providerOrderId or siteOrderId', ['providerOrderId']);
  const { site, adapter: a } = await adapter(env, principal, q.provider);
  const facts = await ask(env, orderField(q), (o) => facetOf(a, 'providerOrders').find({ providerOrderId: q.providerOrderId, siteOrderId: q.siteOrderId }, o));
  if (!facts) return undefined;
  return { order: await recordOrder(env.em, site, q.provider, facts), facts };
}

/** The full, expensive lookup: links, tokens and payment history; payments made elsewhere are recorded. */
export async function fullProviderOrder(env: PaymentsEnv, principal: Principal, order: Order): Promise<ProviderOrder | undefined> {
  const { site, adapter: a } = await adapter(env, principal, order.provider!);
  const facts = await ask(env, ['providerOrderId'], (o) => facetOf(a, 'providerOrders').find({ providerOrderId: order.providerOrderId, full: true }, o));
  if (facts?.details) await recordProviderPayments(env.em, site, order, facts.details.payments);
  return facts;
}

async function recordOrder(em: EntityManager, site: Site, provider: string, facts: ProviderOrder): Promise<Order> {
  const amount = facts.amount && facts.amount.amountMinor > 0n ? facts.amount : undefined;
  const fields = {
    provider,
    providerOrderId: facts.providerOrderId,
    amountMinor: amount?.amountMinor ?? ANY_AMOUNT_CEILING_MINOR,
    currency: (amount ?? facts.amountDue)?.currency ?? ('USD' as Money['currency']),
  };
  const reference = facts.siteOrderId ?? `${provider}-${facts.providerOrderId}`;
  const existing = (await em.findOne(Order, { provider, providerOrderId: facts.providerOrderId })) ?? (await em.findOne(Order, { reference }));
  const order = existing ?? em.create(Order, { site, reference, ...fields, metadata: { providerOrderStatus: facts.status ?? '' } });
  if (existing) Object.assign(existing, { provider, providerOrderId: facts.providerOrderId });
  await em.flush();
  return order;
}

export interface RecordedMethod {
  facts: ProviderSavedMethod;
  method: PaymentMethod;
}

/** /find_payment_methods for a recorded order; each token is recorded (inactive ones cannot pay). */
export async function providerSavedMethods(env: PaymentsEnv, principal: Principal, order: Order): Promise<RecordedMethod[]> {
  const { site, adapter: a } = await adapter(env, principal, order.provider!);
  const found = await ask(env, ['orderId'], (o) => facetOf(a, 'providerOrders').savedMethods({ providerOrderId: order.providerOrderId }, o));
  const recorded: RecordedMethod[] = [];
  for (const facts of found) recorded.push({ facts, method: await recordMethod(env.em, site, order, facts) });
  await env.em.flush();
  return recorded;
}

async function recordMethod(em: EntityManager, site: Site, order: Order, facts: ProviderSavedMethod): Promise<PaymentMethod> {
  const status = facts.active ? PaymentMethodStatus.ACTIVE : PaymentMethodStatus.INACTIVE;
  const [month, year] = (facts.expiry ?? '').split('/').map(Number);
  const existing = await em.findOne(PaymentMethod, { provider: order.provider!, providerToken: facts.token });
  if (existing) {
    if (existing.status !== PaymentMethodStatus.REMOVED) existing.status = status;
    return existing;
  }
  return em.create(PaymentMethod, {
    site,
    customer: order.customer,
    provider: order.provider!,
    type: PaymentMethodType.CARD,
    status,
    brand: facts.brand?.toUpperCase(),
    last4: facts.last4,
    expMonth: month || undefined,
    expYear: year || undefined,
    providerToken: facts.token,
  });
}

/** /get_fees for a recorded order: the fee per method type, for a channel when given. */
export async function providerFees(env: PaymentsEnv, principal: Principal, order: Order, channel?: string): Promise<FeeOption[]> {
  env.registry.facet(order.provider!, 'fees', 'fee quotes', ['orderId']);
  const { adapter: a } = await adapter(env, principal, order.provider!);
  const amount = { amountMinor: BigInt(order.amountMinor), currency: order.currency };
  return ask(env, ['channel'], (o) => facetOf(a, 'fees').quote({ amount, providerOrderId: order.providerOrderId, channel }, o));
}

