import type { EntityManager } from '@mikro-orm/postgresql';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CredentialCipher } from '../domain/sites/credentials';
import { ALL_SCOPES, SiteService } from '../domain/sites/site.service';
import { Site, SiteKind } from '../domain/sites/site.entity';

export interface DemoKeys {
  siteId: string;
  partnerId: string;
  merchantKey: string;
  partnerKey: string;
}

/**
 * The embedded default's demo: a merchant site, a partner with a grant for it, and a key each. Created
 * once; the keys are kept in the data folder (local development only) so every start can print them.
 */
export async function ensureDemo(
  em: EntityManager,
  cipher: CredentialCipher,
  dataDir: string,
  providerCredentials: Record<string, Record<string, string>>,
): Promise<DemoKeys> {
  const file = join(dataDir, 'demo-keys.json');
  if (existsSync(file)) {
    const keys = JSON.parse(await readFile(file, 'utf8')) as DemoKeys;
    if (await em.findOne(Site, { id: keys.siteId })) return keys;
  }
  const sites = new SiteService(em, cipher);
  const merchant = await sites.createSite('Demo merchant', SiteKind.MERCHANT, providerCredentials);
  const partner = await sites.createSite('Demo partner', SiteKind.PARTNER);
  await sites.grantPartner(merchant, partner, ALL_SCOPES);
  const keys: DemoKeys = {
    siteId: merchant.id,
    partnerId: partner.id,
    merchantKey: (await sites.createApiKey(merchant, 'demo merchant key', ALL_SCOPES)).plaintext,
    partnerKey: (await sites.createApiKey(partner, 'demo partner key', ALL_SCOPES)).plaintext,
  };
  await writeFile(file, JSON.stringify(keys, null, 2) + '\n', { mode: 0o600 });
  return keys;
}
