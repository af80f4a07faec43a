import type { FacetDeclarations } from '../provider';
import { dapiInboundRoutes } from './dapi/routes';
import { echeckCallbackHint } from './echeck/callbacks';
import { ECHECK_PAYMENTS } from './echeck/facets';

export const PAYNETEASY_KEY = 'payneteasy';

/**
 * What Payneteasy does for the gateway: `payments` is the API v2 eCheck sale (echeck/facets.ts) and the status of
 * the Device API's sales and transfers, `callbacks` the eCheck server callbacks (server_callback_url /
 * notify_url); the Device API brings the merchant-server endpoints (`inboundRoutes`, dapi/routes.ts) and the
 * consumer's transfer-fee choice (`completion` of kind `choice`: "Complete transfer" with the chosen gate).
 */
export const PAYNETEASY_FACETS = {
  payments: ECHECK_PAYMENTS,
  callbacks: { hint: echeckCallbackHint },
  completion: { kind: 'choice' },
  inboundRoutes: dapiInboundRoutes,
} as const satisfies FacetDeclarations;
