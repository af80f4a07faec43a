import type { EntityManager } from '@mikro-orm/postgresql';
import type { CredentialCipher } from './credentials';
import { Site } from './site.entity';

const LEGACY_ROWS = `select id from site
  where exists (select 1 from jsonb_each_text(provider_credentials) c where c.value like 'v1.%') for update`;

/**
 * Re-seals credentials still in the v1 format (no associated data) as v2, bound to their site and provider.
 * A SQL migration can't do this (it has no key), so start-up runs it after the migrations, on every instance.
 * The rows are locked, so two instances starting together re-seal each row once. Returns how many were re-sealed.
 */
export async function resealLegacyCredentials(em: EntityManager, cipher: CredentialCipher): Promise<number> {
  return em.transactional(async (tx) => {
    const ids = (await tx.getConnection().execute<{ id: string }[]>(LEGACY_ROWS, [], 'all', tx.getTransactionContext())).map((r) => r.id);
    if (ids.length === 0) return 0;
    let resealed = 0;
    for (const site of await tx.find(Site, { id: { $in: ids } })) {
      const upgrade = ([provider, sealed]: [string, string]): [string, string] => {
        if (!cipher.isLegacy(sealed)) return [provider, sealed];
        resealed += 1;
        return [provider, cipher.upgradeLegacy(sealed, { siteId: site.id, provider })];
      };
      site.providerCredentials = Object.fromEntries(Object.entries(site.providerCredentials).map(upgrade));
    }
    return resealed;
  });
}
