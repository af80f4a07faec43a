import { dapiKey } from './signing';
import type { Flow } from './wire';

/**
 * A site's DAPI settings among its Payneteasy credentials: the merchant control key (the HMAC key) and the
 * endpoint id of each flow (`verificationEndpointId`, `saleEndpointId`, `transferEndpointId`), each falling back
 * to `endpointId`.
 */
export interface DapiCredentials {
  key: Buffer;
  endpointIds: Record<Flow, string>;
}

export function dapiCredentials(credentials: Record<string, string> | undefined): DapiCredentials | undefined {
  if (!credentials?.controlKey) return undefined;
  const fallback = credentials.endpointId;
  const pick = (name: string) => credentials[name] ?? fallback;
  const endpointIds = { verification: pick('verificationEndpointId'), sale: pick('saleEndpointId'), transfer: pick('transferEndpointId') };
  if (!endpointIds.verification || !endpointIds.sale || !endpointIds.transfer) return undefined;
  try {
    return { key: dapiKey(credentials.controlKey), endpointIds: endpointIds as Record<Flow, string> };
  } catch {
    return undefined;
  }
}
