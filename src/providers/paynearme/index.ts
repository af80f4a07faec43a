/**
 * PayNearMe API 3.0 as a Third Party Proxy Partner (3PPP): the only import point for the rest of the gateway,
 * and the one line src/providers/catalog.ts registers.
 */
import type { ProviderModule } from '../provider';
import { PayNearMeProvider } from './adapter';
import { validatePayNearMeCredentials } from './credentials';
import { PAYNEARME_FACETS, PAYNEARME_KEY } from './facets';
import { DEMO_PARTNER } from './sandbox/seed';
import { startPayNearMeSandbox, type PayNearMeSandbox } from './sandbox/server';
import type { SandboxPartner } from './sandbox/state';

export { PAYNEARME_FACETS, PAYNEARME_KEY } from './facets';
export { PayNearMeProvider } from './adapter';
export type { PayNearMeSandbox } from './sandbox/server';

/** Sandbox partners from adapter credentials: each pair (3PPP id + secret) enabled for the site it proxies. */
function partnersOf(credentials: Record<string, string>[]): SandboxPartner[] {
  const partners = new Map<string, SandboxPartner>();
  for (const c of credentials) {
    const site = validatePayNearMeCredentials(c);
    if (!site.siteIdentifier || !site.secretKey) continue;
    const partner = partners.get(site.siteIdentifier) ?? { siteIdentifier: site.siteIdentifier, secretKey: site.secretKey, clients: [] };
    partner.clients.push(site.proxySiteIdentifier);
    partners.set(site.siteIdentifier, partner);
  }
  return [...partners.values()];
}

export const payNearMeModule: ProviderModule<typeof PAYNEARME_KEY, PayNearMeSandbox> = {
  key: PAYNEARME_KEY,
  displayName: 'PayNearMe (proxy API 3.0)',
  facets: PAYNEARME_FACETS,
  config: { baseUrlVariable: 'PAYNEARME_BASE_URL', baseUrlExample: 'https://api.paynearme-sandbox.com' },
  demo: { credentials: { siteIdentifier: DEMO_PARTNER.siteIdentifier, secretKey: DEMO_PARTNER.secretKey, proxySiteIdentifier: DEMO_PARTNER.clients[0]! } },
  startSandbox: (options) => startPayNearMeSandbox({ partners: options?.credentials ? partnersOf(options.credentials) : undefined }),
  create: (context) => new PayNearMeProvider(context),
};
