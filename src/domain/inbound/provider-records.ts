import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { ProviderRecord, ProviderRecords } from '../../providers/provider';
import type { CredentialCipher } from '../sites/credentials';

/**
 * ProviderRecords of one provider in `provider_record`. Unscoped on purpose: a provider finds its record by a
 * key it issued (Payneteasy's invoiceId, a UUID), and the record names its site.
 */
export class PgProviderRecords implements ProviderRecords {
  constructor(
    private readonly em: EntityManager,
    private readonly provider: string,
    private readonly cipher: CredentialCipher,
  ) {}

  /** Bound to the site and to this provider's records, apart from its credentials (another associated datum). */
  private owner(siteId: string) {
    return { siteId, provider: `${this.provider}#records` };
  }

  seal(siteId: string, secret: string): string {
    return this.cipher.encrypt({ secret }, this.owner(siteId));
  }

  open(siteId: string, sealed: string): string | undefined {
    try {
      return this.cipher.decrypt(sealed, this.owner(siteId)).secret;
    } catch {
      return undefined;
    }
  }

  async create<T>(siteId: string, kind: string, key: string, data: T): Promise<boolean> {
    const rows = await this.em.fork().execute(
      `insert into provider_record (id, site_id, provider, kind, key, data) values (?, ?, ?, ?, ?, ?::jsonb)
       on conflict (provider, kind, key) do nothing returning id`,
      [randomUUID(), siteId, this.provider, kind, key, JSON.stringify(data)],
    );
    return rows.length === 1;
  }

  async find<T>(kind: string, key: string): Promise<ProviderRecord<T> | undefined> {
    const rows = await this.em.fork().execute(`select site_id, data from provider_record where provider = ? and kind = ? and key = ?`, [this.provider, kind, key]);
    return rows[0] ? { siteId: rows[0].site_id as string, data: rows[0].data as T } : undefined;
  }

  async update<T>(kind: string, key: string, change: (data: T) => T | undefined): Promise<ProviderRecord<T> | undefined> {
    return this.em.fork().transactional(async (tx) => {
      const rows = await tx.execute(`select id, site_id, data from provider_record where provider = ? and kind = ? and key = ? for update`, [this.provider, kind, key]);
      const row = rows[0];
      if (!row) return undefined;
      const next = change(row.data as T);
      if (next === undefined) return { siteId: row.site_id as string, data: row.data as T };
      await tx.execute(`update provider_record set data = ?::jsonb, updated_at = now() where id = ?`, [JSON.stringify(next), row.id]);
      return { siteId: row.site_id as string, data: next };
    });
  }
}
