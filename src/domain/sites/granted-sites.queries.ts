import type { EntityManager } from '@mikro-orm/postgresql';

export interface GrantedSiteRow {
  siteId: string;
  scopes: string[];
  grantedAt: Date;
}

/**
 * The sites that gave this partner an active grant, oldest grant first. Raw SQL on purpose: grants belong to
 * the granting sites, so the request's tenant filter (its acting site) would hide all but one of them.
 */
export async function findGrantedSites(em: EntityManager, partnerId: string): Promise<GrantedSiteRow[]> {
  const rows = await em.execute<{ site_id: string; scopes: string[]; created_at: Date }[]>(
    `select site_id, scopes, created_at from partner_grant where partner_id = ? and revoked_at is null order by created_at, id`,
    [partnerId],
  );
  return rows.map((row) => ({ siteId: row.site_id, scopes: row.scopes, grantedAt: new Date(row.created_at) }));
}

/** The API key's own scopes (a partner principal holds them narrowed to one grant, or none). */
export async function keyScopesOf(em: EntityManager, apiKeyId: string): Promise<string[]> {
  const [row] = await em.execute<{ scopes: string[] }[]>(`select scopes from api_key where id = ?`, [apiKeyId]);
  return row?.scopes ?? [];
}
