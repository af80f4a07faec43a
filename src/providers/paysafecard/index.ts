/**
 * paysafecard: the only import point for the rest of the gateway, and the one line src/providers/catalog.ts
 * registers.
 */
import { z } from 'zod';
import { ProviderError, type ProviderModule } from '../provider';
import { PaysafecardProvider } from './adapter';
import { PAYSAFECARD_FACETS, PAYSAFECARD_KEY } from './facets';
import type { PaysafecardCredentials } from './requests';
import { DEMO_MERCHANT, startPaysafecardSandbox, type PaysafecardSandbox } from './sandbox/server';

export { PAYSAFECARD_FACETS, PAYSAFECARD_KEY } from './facets';
export { PaysafecardProvider } from './adapter';
export type { PaysafecardCredentials } from './requests';

const credentialsSchema = z.object({
  apiKey: z.string().min(1),
  mid: z.string().regex(/^\d{1,12}$/),
  minAge: z.coerce.number().int().positive().optional(),
  kycLevel: z.enum(['SIMPLE', 'FULL']).optional(),
  countryRestriction: z.string().regex(/^[A-Z]{2}$/).optional(),
  shopId: z.string().min(1).max(60).optional(),
  submerchantId: z.string().regex(/^[A-Za-z0-9]{1,8}$/).optional(),
});

/** Checked when an adapter is built; names what is wrong, never a value. */
export function validatePaysafecardCredentials(credentials: Record<string, string>): PaysafecardCredentials {
  const parsed = credentialsSchema.safeParse(credentials);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ');
    throw new ProviderError('final', 'INVALID_CREDENTIALS', `paysafecard credentials need apiKey and mid (problem with: ${names})`);
  }
  return parsed.data;
}

export const paysafecardModule: ProviderModule<typeof PAYSAFECARD_KEY, PaysafecardSandbox> = {
  key: PAYSAFECARD_KEY,
  displayName: 'paysafecard',
  facets: PAYSAFECARD_FACETS,
  config: { baseUrlVariable: 'PAYSAFECARD_BASE_URL', baseUrlExample: 'https://api.paysafecard.com' },
  demo: { credentials: { apiKey: DEMO_MERCHANT.apiKey, mid: DEMO_MERCHANT.mid } },
  startSandbox: (options) => startPaysafecardSandbox({ merchants: options?.credentials?.map((c) => validatePaysafecardCredentials(c)) }),
  create: (context) => new PaysafecardProvider(context, validatePaysafecardCredentials(context.credentials)),
};
