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
  config: { baseUrlVariable: 'CARDGATEWAY_BASE_URL', baseUrlExample: 'https://secure.example-psp.com' },
  demo: { credentials: { ...DEMO_MERCHANT } },
  startSandbox: (options) => startCardGatewaySandbox({ merchants: options?.credentials?.map((c) => validateCardGatewayCredentials(c)) }),
  create: (context) => new CardGatewayProvider(context, validateCardGatewayCredentials(context.credentials)),
};
