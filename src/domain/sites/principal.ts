import { AuthError } from '../../kernel/errors';
import { Scope } from './api-key.entity';
import type { Site, SiteKind } from './site.entity';

/** What a site's key carries of its site: what never changes once a site exists (no API renames a site). */
export type KeySite = Pick<Site, 'id' | 'name' | 'kind' | 'createdAt'>;

/**
 * Who is calling (the API key's site) and for whom (the acting site). For a site key both are the same site;
 * for a partner key the acting site is the one named in the X-Acting-Site header, and scopes are the key's
 * scopes narrowed to the grant's.
 */
export interface Principal {
  apiKeyId: string;
  siteId: string;
  siteKind: SiteKind;
  actingSiteId: string;
  scopes: ReadonlySet<Scope>;
  /** A partner key without X-Acting-Site: it can read the viewer and its granted sites, nothing else. */
  choosingSite?: boolean;
  /**
   * The API key's own site as authentication read it (from the cache of verified keys, so up to its TTL old):
   * only what does not change, never its settings or credentials.
   */
  keySite?: KeySite;
  /** Set for a browser's or app's client token (src/domain/client-tokens): what it is bound to. */
  clientToken?: ClientTokenGrant;
}

/** What a client token may touch: one order (to pay and read), one customer, from these origins, until then. */
export interface ClientTokenGrant {
  id: string;
  orderId?: string;
  customerId?: string;
  allowedOrigins: readonly string[];
  expiresAt: Date;
}

export const PARTNER_SITE_REQUIRED =
  'a partner key must name the site it acts for in the X-Acting-Site header (viewer { grantedSites } lists them)';

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.has(scope) || principal.scopes.has(Scope.ADMIN);
}

export function requireScope(principal: Principal | undefined, scope: Scope): Principal {
  if (!principal) throw new AuthError('UNAUTHENTICATED', 'an API key is required (Authorization: Bearer <key>)');
  if (principal.choosingSite) throw new AuthError('FORBIDDEN', PARTNER_SITE_REQUIRED);
  if (!hasScope(principal, scope)) throw new AuthError('FORBIDDEN', `this API key lacks the "${scope}" scope`);
  return principal;
}

/** Idempotency keys and similar per-caller state are scoped to caller + acting site. */
export function callerScope(principal: Principal): string {
  // A browser's idempotency keys never meet its merchant server's, nor another browser's.
  if (principal.clientToken) return `${principal.siteId}:ct:${principal.clientToken.id}`;
  return `${principal.siteId}:${principal.actingSiteId}`;
}
