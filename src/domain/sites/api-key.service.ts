import type { EntityManager } from '@mikro-orm/postgresql';
import { AuthError, NotFoundError } from '../../kernel/errors';
import { paginate, type Page, type Position } from '../read/pagination';
import { ApiKey, Scope } from './api-key.entity';
import { generateApiKey } from './api-key-secret';
import { requireScope, type Principal } from './principal';
import { actingSite } from '../tenancy';
import { REVOKED_CHANNEL, verifiedKeys } from './verified-keys';

/**
 * Keys and grants are managed only by the site itself with an admin key. A partner acting for a site must
 * not be able to mint keys for it or widen its own grant.
 */
export function requireSiteAdmin(principal: Principal | undefined): Principal {
  const checked = requireScope(principal, Scope.ADMIN);
  if (checked.siteId !== checked.actingSiteId) {
    throw new AuthError('FORBIDDEN', "only the site's own API keys may manage its keys and partner grants");
  }
  return checked;
}

export class ApiKeyService {
  constructor(private readonly em: EntityManager) {}

  /** The plaintext is returned once and never stored: only the SHA-256 of its secret is kept. */
  async create(name: string, scopes: Scope[]): Promise<{ apiKey: ApiKey; plaintext: string }> {
    const key = generateApiKey();
    const apiKey = this.em.create(ApiKey, {
      site: actingSite(this.em),
      name,
      prefix: key.prefix,
      secretHash: key.secretHash,
      scopes: [...new Set(scopes)].sort(),
    });
    await this.em.persist(apiKey).flush();
    return { apiKey, plaintext: key.plaintext };
  }

  /** Revoking twice keeps the first revocation time, so a retry is harmless. */
  async revoke(apiKeyId: string | undefined): Promise<ApiKey> {
    const apiKey = apiKeyId ? await this.em.findOne(ApiKey, { id: apiKeyId }) : null;
    if (!apiKey) throw new NotFoundError('API key', ['input', 'id']);
    apiKey.revokedAt ??= new Date();
    await this.em.flush();
    // After the commit: this instance forgets the key now, every other one when the notification arrives.
    verifiedKeys.forget(apiKey.prefix);
    await this.em.execute('select pg_notify(?, ?)', [REVOKED_CHANNEL, apiKey.prefix]);
    return apiKey;
  }

  list(args: { first: number; after?: Position }): Promise<Page<ApiKey>> {
    return paginate(this.em, ApiKey, {}, args);
  }
}
