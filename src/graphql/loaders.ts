import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Site } from '../domain/sites/site.entity';

/**
 * One DataLoader per key, created per request and scoped to the acting site. Results come back in key
 * order; a missing row is null (another site's id behaves as not found).
 */
export function createLoaders(em: EntityManager, actingSiteId: string) {
  return {
    site: byId(em, Site, () => ({})),
    actingSiteId,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

export function byId<T extends { id: string }>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  scope: () => Record<string, unknown>,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await em.find(entity as never, { id: { $in: [...ids] }, ...scope() } as never);
    const byKey = new Map((rows as T[]).map((r) => [r.id, r]));
    return ids.map((id) => byKey.get(id) ?? null);
  });
}

/** Children grouped by a parent foreign key, e.g. transactions by order id. */
export function byParent<T>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  foreignKey: string,
  scope: () => Record<string, unknown>,
  parentIdOf: (row: T) => string,
  orderBy: Record<string, 'asc' | 'desc'> = { createdAt: 'desc', id: 'desc' },
): DataLoader<string, T[]> {
  return new DataLoader(async (parentIds) => {
    const rows = (await em.find(
      entity as never,
      { [foreignKey]: { $in: [...parentIds] }, ...scope() } as never,
      { orderBy } as never,
    )) as T[];
    const groups = new Map<string, T[]>(parentIds.map((id) => [id, []]));
    for (const row of rows) groups.get(parentIdOf(row))?.push(row);
    return parentIds.map((id) => groups.get(id) ?? []);
  });
}
