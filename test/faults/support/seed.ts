import { migrate, openOrm } from '../../../src/db/orm';
import { CredentialCipher } from '../../../src/domain/sites/credentials';
import { SiteKind } from '../../../src/domain/sites/site.entity';
import { ALL_SCOPES, SiteService } from '../../../src/domain/sites/site.service';
import { DEMO_MERCHANT } from '../../../src/providers/cardgateway/sandbox/server';
import { deriveKey } from '../../../src/server/secrets';

/**
 * Migrates the database and adds one merchant with the sandbox's demo card-gateway account and a key with
 * every scope, as an operator would before starting the gateway against an external database.
 */
export async function seedMerchant(databaseUrl: string, encryptionKey: string): Promise<{ apiKey: string; siteId: string }> {
  const orm = await openOrm(databaseUrl, { poolMax: 2, log: () => undefined });
  try {
    await migrate(orm);
    const cipher = new CredentialCipher(deriveKey(Buffer.from(encryptionKey, 'hex'), 'credentials'));
    const sites = new SiteService(orm.em.fork(), cipher);
    const site = await sites.createSite('Fault merchant', SiteKind.MERCHANT, { cardgateway: { ...DEMO_MERCHANT } });
    const { plaintext } = await sites.createApiKey(site, 'fault suite', ALL_SCOPES);
    return { apiKey: plaintext, siteId: site.id };
  } finally {
    await orm.close();
  }
}
