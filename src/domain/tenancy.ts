import type { EntityManager } from '@mikro-orm/postgresql';
import { ReferenceKind, type EntityMetadata, type EntityName } from '@mikro-orm/core';
import { Site } from './sites/site.entity';

/**
 * Tenancy in one place. A request works on an EntityManager scoped to its acting site (`scopedTo`): the ORM
 * filter `tenant` then adds the site condition to every find, findOne, count, lock, nativeUpdate and nativeDelete
 * of a site-owned entity, `tenantCondition` adds the same condition to the raw-SQL read paths, and `actingSite`
 * gives new rows their site. Background work (reconciler, callback inbox, purge) sees every site on purpose and
 * says so with `unscoped`. Which entities are site-owned is derived from the model: a many-to-one `site`, or a
 * parent named in OWNED_THROUGH; anything else must be listed in NOT_SITE_OWNED, or the filter throws.
 */
export const TENANT = 'tenant';

interface TenantArgs {
  siteId: string;
}

/** Entities without a site column that belong to their parent's site: entity name → parent property. */
const OWNED_THROUGH: Record<string, string> = { TransactionEvent: 'transaction', ScheduledPaymentEvent: 'scheduledPayment' };

/** Entities that no one site owns, and why the filter leaves them alone. */
export const NOT_SITE_OWNED: Record<string, string> = {
  Site: 'a key sees its own site and the site it acts for; the viewer and node resolvers decide which',
  IdempotencyRecord: 'its scope already names the caller and the acting site, and it is read only by (scope, key)',
  ReconcileAttempt: "the reconciler's bookkeeping, read only by the unscoped job",
};

export type TenancyRule = { kind: 'site'; column: string } | { kind: 'parent'; via: string; column: string; parent: EntityMetadata } | { kind: 'none' };

export function tenancyOf(meta: EntityMetadata): TenancyRule {
  const site = meta.properties.site;
  if (site?.kind === ReferenceKind.MANY_TO_ONE && site.targetMeta?.class === Site) return { kind: 'site', column: site.fieldNames[0] };
  const via = OWNED_THROUGH[meta.className];
  const parent = via ? meta.properties[via] : undefined;
  if (parent?.targetMeta && tenancyOf(parent.targetMeta).kind === 'site') {
    return { kind: 'parent', via, column: parent.fieldNames[0], parent: parent.targetMeta };
  }
  if (meta.className in NOT_SITE_OWNED) return { kind: 'none' };
  throw new Error(`${meta.className} has no tenancy rule: give it a many-to-one site, or name it in src/domain/tenancy.ts`);
}

/** The ORM filter, registered in the ORM config (off) and switched on per EntityManager by `scopedTo`. */
export const tenantFilter = {
  name: TENANT,
  default: false,
  cond: (args: TenantArgs, _type: string, em: EntityManager, _options: unknown, entityName?: string) => {
    const rule = tenancyOf(em.getMetadata().getByClassName(entityName ?? ''));
    if (rule.kind === 'site') return { site: args.siteId };
    if (rule.kind === 'parent') return { [rule.via]: { site: args.siteId } };
    return {};
  },
};

/** A fork that sees and writes only `siteId`'s rows: one per request, from createContext. */
export function scopedTo(em: EntityManager, siteId: string): EntityManager {
  const fork = em.fork() as EntityManager;
  fork.addFilter({ ...tenantFilter, default: true } as never);
  fork.setFilterParams(TENANT, { siteId });
  return fork;
}

/** A fork that sees every site, on purpose: background jobs and provider callbacks, which find their site from the row. */
export function unscoped(em: EntityManager): EntityManager {
  const fork = em.fork() as EntityManager;
  fork.addFilter({ ...tenantFilter, default: false } as never);
  fork.setFilterParams(TENANT, {});
  return fork;
}

/** The site this EntityManager is scoped to; undefined when unscoped. */
export function actingSiteIdOf(em: EntityManager): string | undefined {
  return (em.getFilterParams(TENANT) as TenantArgs | undefined)?.siteId;
}

/** The acting site of a scoped EntityManager, for new rows; an unscoped one has none, which is a bug. */
export function actingSite(em: EntityManager): Site {
  const siteId = actingSiteIdOf(em);
  if (!siteId) throw new Error('this write needs an EntityManager scoped to a site (scopedTo)');
  return em.getReference(Site, siteId);
}

/** The acting site's row (its provider credentials), loaded through a scoped EntityManager. */
export function loadActingSite(em: EntityManager): Promise<Site> {
  return em.findOneOrFail(Site, { id: actingSite(em).id });
}

/** What an adapter is built from: the site's id and its stored (sealed) provider credentials. */
export type SiteCredentials = Pick<Site, 'id' | 'providerCredentials'>;

/**
 * The acting site's sealed credentials, read with one plain statement: the payment path needs nothing else of
 * the site row, and hydrating a managed Site for it cost about 2 % of a payment's CPU.
 */
export async function loadActingSiteCredentials(em: EntityManager): Promise<SiteCredentials> {
  const id = actingSite(em).id;
  const [row] = await em.execute<{ provider_credentials: Record<string, string> | null }[]>('select provider_credentials from site where id = ?', [id]);
  if (!row) throw new Error(`the acting site ${id} is gone`);
  return { id, providerCredentials: row.provider_credentials ?? {} };
}

/** The same condition as the filter, as SQL for raw reads of `entity` aliased `alias`; `true` when unscoped. */
export function tenantCondition(em: EntityManager, entity: EntityName<object>, alias = 't'): { sql: string; params: unknown[] } {
  const siteId = actingSiteIdOf(em);
  const rule = tenancyOf(em.getMetadata().get(entity) as EntityMetadata);
  if (!siteId || rule.kind === 'none') return { sql: 'true', params: [] };
  if (rule.kind === 'site') return { sql: `${alias}."${rule.column}" = ?`, params: [siteId] };
  const parentSite = (tenancyOf(rule.parent) as { column: string }).column;
  return { sql: `${alias}."${rule.column}" in (select "id" from "${rule.parent.tableName}" where "${parentSite}" = ?)`, params: [siteId] };
}
