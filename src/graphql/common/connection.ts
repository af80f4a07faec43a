import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { InvalidInputError } from '../../kernel/errors';
import { UUID } from './global-id';
import { MAX_PAGE_SIZE, type Page, type Position } from '../../domain/read/pagination';
import { registerArgsCheck } from './validate-args';

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

// Exactly what @Min(0) @Max(MAX_PAGE_SIZE) accept (`after` has no constraint), so class-validator need not run
// for the page arguments of every nested list (validate-args.ts). Subclasses (ListArgs) are validated as before.
registerArgsCheck(ConnectionArgs, (args) => {
  const { first } = args as ConnectionArgs;
  return typeof first === 'number' && first >= 0 && first <= MAX_PAGE_SIZE;
});

export interface Edge<N> {
  node: N;
  cursor: string;
}

export interface ConnectionShape<N> {
  edges: Edge<N>[];
  nodes: N[];
  pageInfo: PageInfo;
  /** A function, so GraphQL's default resolver runs the count only when totalCount is selected. */
  totalCount?: (() => Promise<number>) | null;
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

    @Field(() => Int, {
      nullable: true,
      description: 'How many items match the filters, over all pages; counted only when selected. Null on nested lists.',
    })
    totalCount?: number | null;
  }
  return Connection;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

/** Exactly what encodeCursor writes (Date#toISOString of a row's created_at), with a four-digit year. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Year 0000 is a valid ISO year that the database driver cannot write; no row was created before year 1. */
const FIRST_ROW = Date.parse('0001-01-01T00:00:00.000Z');

/**
 * A cursor is only what encodeCursor wrote: a uuid and an instant in canonical form. Anything else (a Date
 * JavaScript can hold but PostgreSQL cannot, year −271821 or 0000, an id that is not a uuid) is
 * INVALID_CURSOR here rather than a database error.
 */
export function decodeCursor(cursor: string | undefined | null): Position | undefined {
  if (cursor === undefined || cursor === null) return undefined;
  const bad = new InvalidInputError('INVALID_CURSOR', 'after is not a cursor returned by this API', ['after']);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad;
  }
  if (!Array.isArray(value) || value.length !== 2) throw bad;
  const [iso, id] = value as unknown[];
  if (typeof iso !== 'string' || typeof id !== 'string' || !ISO_INSTANT.test(iso) || !UUID.test(id)) throw bad;
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso || createdAt.getTime() < FIRST_ROW) throw bad;
  return { createdAt, id };
}

/**
 * Cursors are encoded only when a query selects them (GraphQL's default resolver reads the getter): most
 * clients read `nodes`, and encoding one per edge was about 3 % of a nested page's CPU.
 */
class LazyEdge<N> implements Edge<N> {
  constructor(
    readonly node: N,
    private readonly position: Position,
  ) {}

  get cursor(): string {
    return encodeCursor(this.position);
  }
}

/** A page's pageInfo; endCursor is encoded only when selected. */
class LazyPageInfo {
  constructor(
    readonly hasNextPage: boolean,
    private readonly last: Position | undefined,
  ) {}

  get endCursor(): string | null {
    return this.last ? encodeCursor(this.last) : null;
  }
}

/**
 * A page as a connection. A class rather than an object literal with getters: a nested page makes about a
 * hundred of these, and a literal with accessors is built slowly (and each one gets its own closures).
 */
class LazyConnection<R extends Position, N> implements ConnectionShape<N> {
  readonly pageInfo: PageInfo;
  readonly totalCount: (() => Promise<number>) | null;
  private madeEdges: Edge<N>[] | undefined;

  constructor(
    private readonly rows: R[],
    readonly nodes: N[],
    hasNextPage: boolean,
    count: (() => Promise<number>) | undefined,
  ) {
    this.pageInfo = new LazyPageInfo(hasNextPage, rows.at(-1));
    this.totalCount = count ?? null;
  }

  get edges(): Edge<N>[] {
    return (this.madeEdges ??= this.nodes.map((node, i) => new LazyEdge(node, this.rows[i]!)));
  }
}

/** A page as a connection; its edges (and their cursors) are made only if the query selects them (most read `nodes`). */
export function toConnection<R extends Position, N>(page: Page<R>, toNode: (row: R) => N): ConnectionShape<N> {
  return new LazyConnection(page.rows, page.rows.map(toNode), page.hasNextPage, page.count);
}
