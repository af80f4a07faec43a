import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';
import { checkPageSize, type Page, type Position } from './pagination';
import { snapshots } from './read-snapshot';
import { tenantCondition } from '../tenancy';

export type Direction = 'asc' | 'desc';

export interface PerParentQuery {
  /** The many-to-one property pointing at the parent, e.g. 'order' on Transaction. */
  parentKey: string;
  parentIds: readonly string[];
  first: number;
  after?: Position;
  direction: Direction;
}

/**
 * The first page of children for many parents in ONE statement: row_number() over (partition by the parent
 * key, in list order) keeps first + 1 rows per parent, the extra row only telling whether a next page
 * exists. Rows stay inside the acting site of a scoped `em` (tenantCondition). A cursor is a plain (createdAt, id) position, so `after` narrows every partition the same way
 * and still costs one statement for the whole batch. Rows come back as read snapshots (see read-snapshot.ts).
 */
export async function pagePerParent<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  query: PerParentQuery,
): Promise<Map<string, Page<T>>> {
  checkPageSize(query.first);
  const pages = new Map<string, Page<T>>(query.parentIds.map((id) => [id, { rows: [], hasNextPage: false }]));
  if (query.parentIds.length === 0) return pages;
  const table = snapshots(em, entity);
  const scope = tenantCondition(em, entity as EntityName<object>);
  const fk = table.column(query.parentKey);
  const dir = query.direction === 'asc' ? 'asc' : 'desc';
  const afterSql = query.after ? `and (t."created_at", t."id") ${dir === 'asc' ? '>' : '<'} (?::timestamptz, ?::uuid)` : '';
  const afterParams = query.after ? [query.after.createdAt.toISOString(), query.after.id] : [];
  const sql =
    `select * from (select ${table.columns}, row_number() over (partition by t."${fk}" order by t."created_at" ${dir}, t."id" ${dir}) as "__rn" ` +
    `from ${table.table} t where t."${fk}" in (?) and ${scope.sql} ${afterSql}) ranked where "__rn" <= ? order by "${fk}", "__rn"`;
  const params = [[...query.parentIds], ...scope.params, ...afterParams, query.first + 1];
  const raw = await em.execute<Record<string, unknown>[]>(sql, params);
  for (const row of raw) {
    const page = pages.get(String(row[fk]));
    if (!page) continue;
    if (Number(row.__rn) > query.first) page.hasNextPage = true;
    else page.rows.push(table.map(row));
  }
  return pages;
}
