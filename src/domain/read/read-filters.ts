import type { Page, Position } from './pagination';

/** Filters shared by every list: created-at and updated-at ranges, bounds exclusive as in keyset pagination. */
export interface CreatedRange {
  createdAfter?: Date;
  createdBefore?: Date;
  updatedAfter?: Date;
  updatedBefore?: Date;
}

/** An amount range in one currency, in minor units, bounds inclusive. */
export interface AmountRange {
  currency: string;
  minMinor?: bigint;
  maxMinor?: bigint;
}

/** `currency = c and amount_minor between min and max` on an entity with amountMinor and currency. */
export function amountWhere(range: AmountRange | undefined): Record<string, unknown> {
  if (!range) return {};
  const amount: Record<string, bigint> = {};
  if (range.minMinor !== undefined) amount.$gte = range.minMinor;
  if (range.maxMinor !== undefined) amount.$lte = range.maxMinor;
  return { currency: range.currency, ...(Object.keys(amount).length ? { amountMinor: amount } : {}) };
}

/** Metadata equality on every given key (a jsonb column of string values). */
export function metadataWhere(metadata: Record<string, string> | undefined): Record<string, unknown> {
  return metadata && Object.keys(metadata).length ? { metadata } : {};
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
  const updated: Record<string, Date> = {};
  if (range.updatedAfter) updated.$gt = range.updatedAfter;
  if (range.updatedBefore) updated.$lt = range.updatedBefore;
  if (Object.keys(updated).length) where.updatedAt = updated;
  return where;
}
