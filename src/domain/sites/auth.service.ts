import type { EntityManager } from '@mikro-orm/postgresql';
import { AuthError } from '../../kernel/errors';
import { CLIENT_TOKEN_PREFIX } from '../client-tokens/client-token-secret';
import { authenticateClientToken } from '../client-tokens/client-token.service';
import { ApiKey, Scope } from './api-key.entity';
import { parseApiKey, secretMatches } from './api-key-secret';
import { findKeyWithSite } from './api-key.queries';
import type { PartnerGrant } from './partner-grant.entity';
import { findActiveGrant } from './partner-grant.queries';
import type { KeySite, Principal } from './principal';
import { SiteKind, type Site } from './site.entity';
import { verifiedKeys } from './verified-keys';

const INVALID = 'invalid or revoked API key';

/**
 * Resolves `Authorization: Bearer <key>` (+ `X-Acting-Site` for partners) to a principal. Every failure is
 * an AuthError; the messages don't say whether a key prefix exists. `db` gives the EntityManager to read with,
 * and is called only when something must be read or written: a site key served from the cache of verified keys
 * needs none (an EntityManager fork per request was a measurable part of a small query: docs/benchmarks.md).
 */
export async function authenticate(
  db: () => EntityManager,
  authorization: string | undefined,
  actingSiteHeader: string | undefined,
  origin?: string,
): Promise<Principal> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new AuthError('UNAUTHENTICATED', 'an API key is required (Authorization: Bearer <key>)');
  let made: EntityManager | undefined;
  const em = () => (made ??= db());
  if (token.startsWith(CLIENT_TOKEN_PREFIX)) return authenticateClientToken(em(), token, origin);
  const parsed = parseApiKey(token);
  if (!parsed) throw new AuthError('UNAUTHENTICATED', INVALID);
  const key = verifiedKeys.get(parsed.prefix) ?? (await findKeyWithSite(em(), parsed.prefix));
  if (!key || key.revokedAt || !secretMatches(parsed.secret, key.secretHash)) {
    throw new AuthError('UNAUTHENTICATED', INVALID);
  }
  verifiedKeys.remember(parsed.prefix, key);
  await touchLastUsed(em, key);
  const base = { apiKeyId: key.id, siteId: key.site.id, siteKind: key.site.kind, keySite: keySiteOf(key.site) };
  if (key.site.kind === SiteKind.MERCHANT) {
    if (actingSiteHeader && actingSiteHeader !== key.site.id) {
      throw new AuthError('FORBIDDEN', 'a site key can only act for its own site');
    }
    return { ...base, actingSiteId: key.site.id, scopes: new Set(key.scopes) };
  }
  // Without a site named, a partner may only find out which sites it can act for (viewer.grantedSites): its
  // acting site is its own and it holds no scope, so every scoped field refuses with PARTNER_SITE_REQUIRED.
  if (!actingSiteHeader) return { ...base, actingSiteId: key.site.id, scopes: new Set(), choosingSite: true };
  const grant = await activeGrant(em(), key.site.id, actingSiteHeader);
  if (!grant) throw new AuthError('FORBIDDEN', 'this partner has no active grant from that site');
  const scopes = new Set(key.scopes.filter((s) => grant.scopes.includes(s) || grant.scopes.includes(Scope.ADMIN)));
  return { ...base, actingSiteId: grant.site.id, scopes };
}

function keySiteOf(site: Site): KeySite {
  return { id: site.id, name: site.name, kind: site.kind, createdAt: site.createdAt };
}

/** At most one write per key per minute: lastUsedAt is for spotting unused keys, not an audit log. */
const TOUCH_EVERY_MS = 60_000;

async function touchLastUsed(em: () => EntityManager, key: ApiKey): Promise<void> {
  if (key.lastUsedAt && Date.now() - key.lastUsedAt.getTime() < TOUCH_EVERY_MS) return;
  // A cached key is shared by this instance's requests: mark it touched so they don't all write.
  key.lastUsedAt = new Date();
  await em().execute(
    `update api_key set last_used_at = now()
      where id = ? and (last_used_at is null or last_used_at < now() - (? || ' milliseconds')::interval)`,
    [key.id, String(TOUCH_EVERY_MS)],
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function activeGrant(em: EntityManager, partnerId: string, siteId: string): Promise<PartnerGrant | null> {
  if (!UUID.test(siteId)) return null;
  return findActiveGrant(em, partnerId, siteId);
}
