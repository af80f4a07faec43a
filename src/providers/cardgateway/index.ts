/**
 * The card REST gateway (Paymentz "PZ") provider: the only import point for the rest of the gateway, and the
 * one line src/providers/catalog.ts registers.
 */
import { z } from 'zod';
import { ProviderError, type ProviderModule } from '../provider';
import { CardGatewayProvider } from './adapter';
import { CARDGATEWAY_FACETS, CARDGATEWAY_KEY } from './facets';
import type { CardGatewayCredentials } from './requests';
import { DEMO_MERCHANT, startCardGatewaySandbox, type CardGatewaySandbox } from './sandbox/server';

export { CARDGATEWAY_FACETS, CARDGATEWAY_KEY } from './facets';
export type { CardGatewayCredentials } from './requests';

const credentialsSchema = z.object({
  partnerId: z.string().min(1),
  memberId: z.string().min(1),
  username: z.string().min(1),
  secureKey: z.string().min(1),
  terminalId: z.string().min(1).optional(),
});

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The platform takes requests over TLS only ("To secure data transfer you need to use the TLS 1.2 encryption
 * protocol"): the secure key's token, card data and checksums never travel in clear. Plain http is left for
 * the sandbox run as its own process on loopback (docs/cardgateway.md "Sandbox").
 */
export function checkCardGatewayBaseUrl(url: URL): string | undefined {
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return undefined;
  return 'the card gateway host must be an https URL (plain http only for the sandbox on loopback), e.g. https://secure.example-psp.com';
}

/** Checked when an adapter is built; names what is missing, never a value. */
export function validateCardGatewayCredentials(credentials: Record<string, string>): CardGatewayCredentials {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ');
    throw new ProviderError('final', 'INVALID_CREDENTIALS', `cardgateway credentials need partnerId, memberId, username and secureKey (problem with: ${names})`);
  }
  return parsed.data;
}

export const cardGatewayModule: ProviderModule<typeof CARDGATEWAY_KEY, CardGatewaySandbox> = {
  key: CARDGATEWAY_KEY,
  displayName: 'Card REST gateway (Paymentz)',
  facets: CARDGATEWAY_FACETS,
  // The platform queues requests during an incident and processes them later; six hours covers its documented
  // maintenance windows, after which a payment it never recorded is failed (and corrected if it appears).
  notFoundFinalAfterMs: 6 * 60 * 60 * 1000,
  config: { baseUrlVariable: 'CARDGATEWAY_BASE_URL', baseUrlExample: 'https://secure.example-psp.com', checkBaseUrl: checkCardGatewayBaseUrl },
  demo: { credentials: { ...DEMO_MERCHANT } },
  startSandbox: (options) => startCardGatewaySandbox({ merchants: options?.credentials?.map((c) => validateCardGatewayCredentials(c)) }),
  create: (context) => new CardGatewayProvider(context, validateCardGatewayCredentials(context.credentials)),
};
