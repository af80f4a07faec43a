import { z } from 'zod';
import { ProviderError } from '../provider';
import type { ControlKeys } from './echeck/signing';

const digits = z.string().regex(/^\d+$/);

/**
 * One merchant account at Payneteasy: the merchant control key (v2 `control`; the DAPI HMAC key is derived from
 * it), the endpoint id (API v2 URL, and the DAPI endpointId of every flow without its own), the login (eCheck
 * status command) and, for the Device API, an endpoint per flow when the account has one
 * (`verificationEndpointId`, `saleEndpointId`, `transferEndpointId`). A Device-API-only account needs no login.
 */
const schema = z
  .object({
    controlKey: z.string().min(1),
    endpointId: digits.optional(),
    login: z.string().min(1).optional(),
    verificationEndpointId: digits.optional(),
    saleEndpointId: digits.optional(),
    transferEndpointId: digits.optional(),
  })
  .refine((c) => c.endpointId !== undefined || (c.verificationEndpointId && c.saleEndpointId && c.transferEndpointId), {
    path: ['endpointId'],
    message: 'endpointId, or an endpoint id for each Device API flow',
  });

export type PayneteasyCredentials = z.infer<typeof schema>;

/** Checked when an adapter is built; names what is wrong, never a value. */
export function validatePayneteasyCredentials(credentials: Record<string, string>): PayneteasyCredentials {
  const parsed = schema.safeParse(credentials);
  if (parsed.success) return parsed.data;
  const names = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ');
  throw new ProviderError('final', 'INVALID_CREDENTIALS', `payneteasy credentials need controlKey and endpointId (digits), plus login for eCheck (problem with: ${names})`);
}

/** The eCheck half of the account: refused for good when the site was set up for the Device API only. */
export function echeckKeys(c: PayneteasyCredentials): ControlKeys {
  if (!c.endpointId || !c.login) throw new ProviderError('final', 'INVALID_CREDENTIALS', 'this Payneteasy account has no eCheck endpointId and login');
  return { endpointId: c.endpointId, login: c.login, controlKey: c.controlKey };
}
