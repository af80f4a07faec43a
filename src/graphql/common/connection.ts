import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { InvalidInputError } from '../../domain/errors';
import { MAX_PAGE_SIZE, type Page, type Position } from '../../domain/pagination';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { defaultValue: 20, description: `Page size, at most ${MAX_PAGE_SIZE}.` })
  @Min(0)
  @Max(MAX_PAGE_SIZE)
  first: number = 20;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string;
}

export interface Edge<N> {
  node: N;
  cursor: string;
}

export interface ConnectionShape<N> {
  edges: Edge<N>[];
  nodes: N[];
  pageInfo: PageInfo;
}

/** Builds `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function ConnectionType<N extends object>(nodeType: ClassType<N>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => nodeType)
    node!: N;

    @Field()
    cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => [nodeType], { description: 'The nodes of edges, for clients that need no cursors.' })
    nodes!: N[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return Connection;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined | null): Position | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  const bad = new InvalidInputError('INVALID_CURSOR', 'after is not a cursor returned by this API', ['after']);
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) throw bad;
    const [iso, id] = value as unknown[];
    const createdAt = new Date(String(iso));
    if (typeof iso !== 'string' || Number.isNaN(createdAt.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) {
      throw bad;
    }
    return { createdAt, id };
  } catch {
    throw bad;
  }
}

export function toConnection<R extends Position, N>(page: Page<R>, toNode: (row: R) => N): ConnectionShape<N> {
  const edges = page.rows.map((row) => ({ node: toNode(row), cursor: encodeCursor(row) }));
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}
