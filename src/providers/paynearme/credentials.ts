import { z } from 'zod';
import { ProviderError, type ProviderContext } from '../provider';

/** PayNearMe identifiers and every value we sign keep to letters, digits, '.', '-' and '_' (the document's list). */
export const IDENTIFIER = /^[A-Za-z0-9._-]+$/;
const identifier = z.string().regex(IDENTIFIER);

/**
 * A site's PayNearMe credentials: its own site identifier at PayNearMe (sent as proxy_site_identifier), and,
 * when the gateway itself is the site's 3PPP, the partner's identifier and secret key. A partner acting for the
 * site brings its own pair instead (ProviderContext.partner).
 */
const siteSchema = z.object({ proxySiteIdentifier: identifier, siteIdentifier: identifier.optional(), secretKey: z.string().min(1).optional() });
const partnerSchema = z.object({ siteIdentifier: identifier, secretKey: z.string().min(1) });

export type PayNearMeSiteCredentials = z.infer<typeof siteSchema>;

/** What every call is signed and addressed with. */
export interface ProxyKeys {
  /** The 3PPP's site_identifier. */
  siteIdentifier: string;
  /** The client site's, sent as proxy_site_identifier. */
  proxySiteIdentifier: string;
  secretKey: string;
  /** A partner (another gateway site) made the call on the site's behalf. */
  viaPartner: boolean;
}

const names = (error: z.ZodError) => [...new Set(error.issues.map((i) => i.path.join('.')))].join(', ');

export function validatePayNearMeCredentials(credentials: Record<string, string>): PayNearMeSiteCredentials {
  const parsed = siteSchema.safeParse(credentials);
  if (!parsed.success) {
    throw new ProviderError('final', 'INVALID_CREDENTIALS', `paynearme credentials need proxySiteIdentifier, and siteIdentifier with secretKey for the 3PPP (problem with: ${names(parsed.error)})`);
  }
  return parsed.data;
}

/** The partner's pair when a partner acts and holds one; else the site's own 3PPP pair; else no call can be made. */
export function proxyKeys(context: ProviderContext): ProxyKeys {
  const site = validatePayNearMeCredentials(context.credentials);
  if (context.partner) {
    const partner = partnerSchema.safeParse(context.partner.credentials);
    if (!partner.success) throw new ProviderError('final', 'INVALID_CREDENTIALS', `the partner's paynearme credentials need siteIdentifier and secretKey (problem with: ${names(partner.error)})`);
    return { ...partner.data, proxySiteIdentifier: site.proxySiteIdentifier, viaPartner: true };
  }
  if (!site.siteIdentifier || !site.secretKey) {
    throw new ProviderError('final', 'NO_PROXY_PARTNER', 'PayNearMe proxy calls are made by a 3PPP: give the site siteIdentifier and secretKey, or act through a partner that has them');
  }
  return { siteIdentifier: site.siteIdentifier, secretKey: site.secretKey, proxySiteIdentifier: site.proxySiteIdentifier, viaPartner: false };
}
