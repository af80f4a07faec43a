import type { EntityManager } from '@mikro-orm/postgresql';
import { snapshots } from '../read/read-snapshot';
import { ApiKey } from './api-key.entity';
import { Site } from './site.entity';

const SITE = 's__';

/**
 * The key with this prefix and its site, from one statement, as a read snapshot whose `site` is loaded (see
 * read-snapshot.ts). Every request authenticates through here, and the ORM's findOne with a populated site
 * cost more CPU than the rest of a small query.
 */
export async function findKeyWithSite(em: EntityManager, prefix: string): Promise<ApiKey | null> {
  const keys = snapshots(em, ApiKey);
  const sites = snapshots(em, Site);
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select ${keys.columns}, ${sites.columnsAs('s', SITE)} from ${keys.table} t join ${sites.table} s on s."id" = t."site_id" where t."prefix" = ?`,
    [prefix],
  );
  if (!row) return null;
  const key = keys.map(row);
  const siteRow = Object.fromEntries(Object.entries(row).flatMap(([column, value]) => (column.startsWith(SITE) ? [[column.slice(SITE.length), value]] : [])));
  key.site = sites.map(siteRow);
  return key;
}
