import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKey, Scope } from './api-key.entity';
import { generateApiKey } from './api-key-secret';
import type { CredentialCipher } from './credentials';
import { PartnerGrant } from './partner-grant.entity';
import { Site, SiteKind } from './site.entity';

export const ALL_SCOPES = Object.values(Scope);

/**
 * Sets up sites, keys and grants as an operator would: the demo seed, the benchmark seed and tests. The API's
 * own admin mutations go through ApiKeyService and PartnerGrantService, which check and normalize client input.
 */
export class SiteService {
  constructor(
    private readonly em: EntityManager,
    private readonly cipher: CredentialCipher,
  ) {}

  async createSite(name: string, kind: SiteKind, credentials: Record<string, Record<string, string>> = {}): Promise<Site> {
    const site = this.em.create(Site, { name, kind });
    site.providerCredentials = Object.fromEntries(
      Object.entries(credentials).map(([provider, value]) => [provider, this.cipher.encrypt(value, { siteId: site.id, provider })]),
    );
    await this.em.persist(site).flush();
    return site;
  }

  /** Returns the row and the key in plaintext; the plaintext is never stored and can't be shown again. */
  async createApiKey(site: Site, name: string, scopes: Scope[]): Promise<{ apiKey: ApiKey; plaintext: string }> {
    const key = generateApiKey();
    const apiKey = this.em.create(ApiKey, { site, name, prefix: key.prefix, secretHash: key.secretHash, scopes });
    await this.em.persist(apiKey).flush();
    return { apiKey, plaintext: key.plaintext };
  }

  async grantPartner(site: Site, partner: Site, scopes: Scope[]): Promise<PartnerGrant> {
    const grant = this.em.create(PartnerGrant, { site, partner, scopes });
    await this.em.persist(grant).flush();
    return grant;
  }
}
