import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, InvalidInputError, NotFoundError } from '../../kernel/errors';
import { isCurrency } from '../../kernel/money';
import type { PayoutLimits } from '../../providers/provider';
import { facetOf } from '../../providers/registry';
import { adapterFor, deadlineOf, type PaymentsEnv } from '../engine/payments-env';
import { callProvider } from '../engine/provider-call';
import { Site } from '../sites/site.entity';

/**
 * The merchant's payout limits in one currency, asked of the provider with the site's credentials (paysafecard
 * GET /payouts/limits/{currency}). A provider that keeps none answers UNSUPPORTED_BY_PROVIDER.
 */
export async function payoutLimits(env: PaymentsEnv, em: EntityManager, siteId: string, provider: string, currency: string): Promise<PayoutLimits> {
  if (!env.registry.has(provider)) throw new InvalidInputError('UNKNOWN_PROVIDER', `provider "${provider}" is not configured`, ['provider']);
  if (!isCurrency(currency)) throw new InvalidInputError('UNKNOWN_CURRENCY', `"${currency}" is not an ISO 4217 currency`, ['currency']);
  const site = await em.findOne(Site, { id: siteId });
  if (!site) throw new NotFoundError('site', ['provider']);
  env.registry.facet(provider, 'payouts', 'payouts', ['provider']);
  const payouts = facetOf(await adapterFor(env, em, site, provider), 'payouts');
  if (!payouts.limits) throw new DomainError('UNSUPPORTED_BY_PROVIDER', `provider "${provider}" keeps no payout limits`, ['provider']);
  const result = await callProvider(deadlineOf(env), (options) => payouts.limits!(currency, options));
  if (result.kind === 'error') throw new DomainError('PROVIDER_UNAVAILABLE', `the provider did not answer: ${result.error.message}`, ['provider']);
  return result.outcome;
}
