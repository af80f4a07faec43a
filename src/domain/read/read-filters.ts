import type { Page, Position } from './pagination';

/** Filters shared by every list: a created-at range, bounds exclusive as in keyset pagination. */
export interface CreatedRange {
  createdAfter?: Date;
  createdBefore?: Date;
}

export interface PageRequest {
  first: number;
  after?: Position;
}

export type { Page };

/** Builds a MikroORM where clause from optional parts; an omitted or empty filter matches everything. */
export function whereOf(parts: Record<string, unknown>, range: CreatedRange = {}): Record<string, unknown> {
  const where: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parts)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length) where[key] = { $in: value };
    } else {
      where[key] = value;
    }
  }
  const created: Record<string, Date> = {};
  if (range.createdAfter) created.$gt = range.createdAfter;
  if (range.createdBefore) created.$lt = range.createdBefore;
  if (Object.keys(created).length) where.createdAt = created;
  return where;
}
