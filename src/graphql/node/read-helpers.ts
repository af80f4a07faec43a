import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import { InvalidInputError } from '../../kernel/errors';
import { Scope } from '../../domain/sites/api-key.entity';
import { requireScope } from '../../domain/sites/principal';
import { decodeCursor, type ConnectionArgs } from '../common/connection';
import { idOf } from '../common/global-id';
import type { Context } from '../context';
import type { PageArgs } from '../loaders';

/** Every root read needs the read scope; returns the site the read is scoped to. */
export function readingSite(ctx: Context): string {
  return requireScope(ctx.principal, Scope.READ).actingSiteId;
}

/** The read scope check, then the request's EntityManager, which sees only the acting site's rows. */
export function readingEm(ctx: Context): EntityManager {
  readingSite(ctx);
  return ctx.em;
}

export function pageArgs(args: ConnectionArgs): PageArgs {
  return { first: args.first, after: decodeCursor(args.after) };
}

/**
 * Lookup by global id: a malformed id, an id of another type and another site's id all answer null, so a
 * caller can't tell "exists elsewhere" from "never existed".
 */
export async function loadByGlobalId<E, N>(
  loader: DataLoader<string, E | null>,
  globalId: string,
  type: string,
  toNode: (row: E) => N,
): Promise<N | null> {
  const id = idOf(globalId, type);
  if (!id) return null;
  const row = await loader.load(id);
  return row ? toNode(row) : null;
}

/** A to-one relation by database id; null when unset or not visible to the acting site. */
export async function loadRelated<E, N>(
  loader: DataLoader<string, E | null>,
  dbId: string | null,
  toNode: (row: E) => N,
): Promise<N | null> {
  if (!dbId) return null;
  const row = await loader.load(dbId);
  return row ? toNode(row) : null;
}

/**
 * An id used as a list filter. Unlike lookups, a malformed id is a client bug worth reporting; a
 * well-formed id of another site simply matches nothing.
 */
export function filterId(globalId: string | undefined | null, type: string, field: string): string | undefined {
  if (globalId === undefined || globalId === null) return undefined;
  const id = idOf(globalId, type);
  if (!id) throw new InvalidInputError('INVALID_ID', `${field} is not a ${type} id`, [field]);
  return id;
}
