/**
 * The card REST gateway (Paymentz "PZ" platform) provider: the only import point for the rest of the gateway.
 * Its sandbox is imported from ./sandbox/server by the bootstrap and the tests.
 */
import { z } from 'zod';
import { ProviderError, type ProviderModule } from '../provider';
import { CardGatewayProvider } from './adapter';
import { cardGatewayCallbackHint } from './callbacks';
import { CARDGATEWAY_CAPABILITIES, CARDGATEWAY_KEY } from './capabilities';
import type { CardGatewayCredentials } from './requests';

export { CARDGATEWAY_CAPABILITIES, CARDGATEWAY_KEY } from './capabilities';
export type { CardGatewayCredentials } from './requests';

const credentialsSchema = z.object({
  partnerId: z.string().min(1),
  memberId: z.string().min(1),
  username: z.string().min(1),
  secureKey: z.string().min(1),
  terminalId: z.string().min(1).optional(),
});

/** Checked when credentials are stored and when an adapter is built; names what is missing, never a value. */
export function validateCardGatewayCredentials(credentials: Record<string, string>): CardGatewayCredentials {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ');
    throw new ProviderError('final', 'INVALID_CREDENTIALS', `cardgateway credentials need partnerId, memberId, username and secureKey (problem with: ${names})`);
  }
  return parsed.data;
}

export const cardGatewayModule: ProviderModule = {
  key: CARDGATEWAY_KEY,
  displayName: 'Card REST gateway (Paymentz)',
  capabilities: CARDGATEWAY_CAPABILITIES,
  // The platform queues requests during an incident and processes them later; six hours covers its documented
  // maintenance windows, after which a payment it never recorded is failed (and corrected if it appears).
  notFoundFinalAfterMs: 6 * 60 * 60 * 1000,
  create: (context) => new CardGatewayProvider(context, validateCardGatewayCredentials(context.credentials)),
  callbackHint: cardGatewayCallbackHint,
};
