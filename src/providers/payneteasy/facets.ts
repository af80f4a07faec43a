import type { FacetDeclarations } from '../provider';
import { echeckCallbackHint } from './echeck/callbacks';
import { ECHECK_PAYMENTS } from './echeck/facets';

export const PAYNETEASY_KEY = 'payneteasy';

/**
 * What Payneteasy does for the gateway: `payments` is the API v2 eCheck sale (echeck/facets.ts), `callbacks` its
 * server callbacks (server_callback_url / notify_url). The mobile Device API adds its facets here (dapi/).
 */
export const PAYNETEASY_FACETS = {
  payments: ECHECK_PAYMENTS,
  callbacks: { hint: echeckCallbackHint },
  // DAPI: the DAPI module's facet declarations are spread in here.
} as const satisfies FacetDeclarations;
