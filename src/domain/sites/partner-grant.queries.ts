import type { EntityManager } from '@mikro-orm/postgresql';
import { snapshots } from '../read/read-snapshot';
import { PartnerGrant } from './partner-grant.entity';

/** The partner's unrevoked grant from the site, as a read snapshot (see read-snapshot.ts); every partner request asks. */
export async function findActiveGrant(em: EntityManager, partnerId: string, siteId: string): Promise<PartnerGrant | null> {
  const grants = snapshots(em, PartnerGrant);
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select ${grants.columns} from ${grants.table} t where t."partner_id" = ? and t."site_id" = ? and t."revoked_at" is null limit 1`,
    [partnerId, siteId],
  );
  return row ? grants.map(row) : null;
}
