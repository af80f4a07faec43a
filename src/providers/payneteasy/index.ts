/**
 * Payneteasy: the only import point for the rest of the gateway, and the one line src/providers/catalog.ts
 * registers. API v2 eCheck (echeck/) and the mobile Device API (dapi/) share the merchant account.
 */
import type { ProviderModule } from '../provider';
import { PayneteasyProvider } from './adapter';
import { validatePayneteasyCredentials } from './credentials';
import { PAYNETEASY_FACETS, PAYNETEASY_KEY } from './facets';
import { DEMO_MERCHANT, startPayneteasySandbox, type PayneteasySandbox } from './sandbox';

export { PAYNETEASY_FACETS, PAYNETEASY_KEY } from './facets';
export type { PayneteasyCredentials } from './credentials';

export const payneteasyModule: ProviderModule<typeof PAYNETEASY_KEY, PayneteasySandbox> = {
  key: PAYNETEASY_KEY,
  displayName: 'Payneteasy',
  facets: PAYNETEASY_FACETS,
  // ACH is slow: an eCheck the gateway took in is settled by the processor within days, and an order the status
  // command does not know yet may still appear after Payneteasy's own queue is worked off.
  notFoundFinalAfterMs: 6 * 60 * 60 * 1000,
  config: { baseUrlVariable: 'PAYNETEASY_BASE_URL', baseUrlExample: 'https://gate.payneteasy.com' },
  demo: { credentials: { ...DEMO_MERCHANT } },
  startSandbox: (options) =>
    startPayneteasySandbox({
      accounts: options?.credentials?.map((c) => validatePayneteasyCredentials(c)),
      // Payneteasy's back office points the merchant at its server; the embedded gateway is that server.
      merchantServer: () => {
        const gateway = options?.gatewayUrl?.();
        return gateway ? `${gateway}/providers/${PAYNETEASY_KEY}` : undefined;
      },
    }),
  create: (context) => new PayneteasyProvider(context, validatePayneteasyCredentials(context.credentials)),
};
