import { z } from 'zod';
import { ProviderError } from '../provider';

/**
 * One merchant account at Payneteasy: the endpoint id (API v2 URL and DAPI endpointId), the login (status
 * command) and the merchant control key (v2 `control`; the DAPI HMAC key is derived from it).
 */
const schema = z.object({
  endpointId: z.string().regex(/^\d+$/),
  login: z.string().min(1),
  controlKey: z.string().min(1),
});

export type PayneteasyCredentials = z.infer<typeof schema>;

/** Checked when an adapter is built; names what is wrong, never a value. */
export function validatePayneteasyCredentials(credentials: Record<string, string>): PayneteasyCredentials {
  const parsed = schema.safeParse(credentials);
  if (parsed.success) return parsed.data;
  const names = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ');
  throw new ProviderError('final', 'INVALID_CREDENTIALS', `payneteasy credentials need endpointId (digits), login and controlKey (problem with: ${names})`);
}
