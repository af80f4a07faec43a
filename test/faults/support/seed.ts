import { migrate, openOrm } from '../../../src/db/orm';
import { CredentialCipher } from '../../../src/domain/sites/credentials';
import { SiteKind } from '../../../src/domain/sites/site.entity';
import { ALL_SCOPES, SiteService } from '../../../src/domain/sites/site.service';
import { DEMO_MERCHANT } from '../../../src/providers/cardgateway/sandbox/server';
import { deriveKey } from '../../../src/app/secrets';

/**
 * Migrates the database and adds merchants, each with the sandbox's demo card-gateway account and a key with
 * every scope, as an operator would before starting the gateway against an external database. One ORM for
 * all of them: opening one costs about a second on a loaded machine.
 */
export async function seedMerchants(databaseUrl: string, encryptionKey: string, count: number): Promise<{ apiKey: string; siteId: string }[]> {
  const orm = await openOrm(databaseUrl, { poolMax: 2, log: () => undefined });
  try {
    await migrate(orm);
    const cipher = new CredentialCipher(deriveKey(Buffer.from(encryptionKey, 'hex'), 'credentials'));
    const seeded: { apiKey: string; siteId: string }[] = [];
    for (let i = 0; i < count; i++) {
      const sites = new SiteService(orm.em.fork(), cipher);
      const site = await sites.createSite(`Fault merchant ${i + 1}`, SiteKind.MERCHANT, { cardgateway: { ...DEMO_MERCHANT } });
      const { plaintext } = await sites.createApiKey(site, 'fault suite', ALL_SCOPES);
      seeded.push({ apiKey: plaintext, siteId: site.id });
    }
    return seeded;
  } finally {
    await orm.close();
  }
}
