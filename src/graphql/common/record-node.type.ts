import { Field, ObjectType } from 'type-graphql';
import { toGlobalId } from './global-id';
import { Node } from './node';

/**
 * What every node mapped from a stored row shows: its global id and its timestamps, plus the database id that
 * field resolvers load relations by. No field returns this type, so it never reaches the schema itself; the
 * concrete types extend it and still declare `implements: Node`.
 */
@ObjectType('RecordNode')
export abstract class RecordNode extends Node {
  /** Database id, kept off the schema. */
  dbId!: string;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

export interface StoredRow {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

export function recordFields(typeName: string, row: StoredRow): Pick<RecordNode, 'id' | 'dbId' | 'createdAt' | 'updatedAt'> {
  return { id: toGlobalId(typeName, row.id), dbId: row.id, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/**
 * A node of `type` for a stored row, its record fields set: made with Object.create rather than `new`, so the
 * class's field initialisers (one define per declared field, up the class chain) do not run for the nodes of
 * every page; the caller sets every other field. It is still an instance of `type` (resolveType and
 * type-graphql's root conversion rely on instanceof).
 */
export function recordNode<T extends RecordNode>(type: abstract new () => T, typeName: string, row: StoredRow): T {
  const node = Object.create(type.prototype as object) as T;
  node.id = toGlobalId(typeName, row.id);
  node.dbId = row.id;
  node.createdAt = row.createdAt;
  node.updatedAt = row.updatedAt;
  return node;
}
