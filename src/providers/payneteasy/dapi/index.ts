/**
 * The Payneteasy mobile Device API with the gateway as the "Merchant's Server" (docs/payneteasy.md "Mobile
 * Device API"). The module (src/providers/payneteasy/index.ts) declares `inboundRoutes: dapiInboundRoutes` and
 * builds `dapiStatus` / `dapiCompletion` for its adapter.
 */
export { dapiInboundRoutes, DAPI_BODY_LIMIT_BYTES } from './routes';
export { dapiCompletion, dapiStatus, isDapiReference } from './facets';
export { outcomeOfStatus } from './mapping';
export { DapiClient, type DapiSessionRef } from './client';
export type { DapiSession } from './session';
