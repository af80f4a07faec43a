import type { EntityManager } from '@mikro-orm/postgresql';
import { ReferenceKind, type EntityClass, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import { snapshots } from '../read/read-snapshot';
import { tenantCondition } from '../tenancy';

type Row = Record<string, unknown>;

/**
 * Phase 3 without the unit of work (docs/benchmarks.md, second round): the row is locked with one
 * `select … for update` and mapped as a read snapshot, the domain rules change it as they change a managed
 * entity, and what changed is written with one explicit `update`. Loading a managed entity and flushing it cost
 * about a fifth of a payment's CPU (hydration, change-set computation, query building); the statements sent are
 * the same. The tenant condition is applied as the ORM filter would.
 */
export class LockedRow<T extends { id: string; updatedAt: Date }> {
  private readonly before: Row;
  /**
   * Where the domain rules record the row's events (moveTo, recordEvent persist them): a fork used only to
   * create them, never flushed; `write` inserts them before the row's update, in the order a flush would.
   */
  private eventLog?: EntityManager;

  private constructor(
    private readonly em: EntityManager,
    private readonly entity: EntityClass<T>,
    readonly row: T,
  ) {
    this.before = this.valuesOf(row as Row);
  }

  get events(): EntityManager {
    return (this.eventLog ??= this.em.fork() as EntityManager);
  }

  /** The row locked for the rest of the DB transaction, or null when it is not there (or not the acting site's). */
  static async lock<T extends { id: string; updatedAt: Date }>(em: EntityManager, entity: EntityClass<T>, id: string): Promise<LockedRow<T> | null> {
    const s = snapshots(em, entity);
    const tenant = tenantCondition(em, entity);
    const [found] = await em.execute<Row[]>(`select ${s.columns} from ${s.table} t where t."id" = ? and ${tenant.sql} for update`, [id, ...tenant.params]);
    return found ? new LockedRow(em, entity, s.map(found)) : null;
  }

  /**
   * Inserts the events recorded, then writes the columns the domain rules changed (and `updated_at`, as the ORM's
   * onUpdate does); no update when none changed. One statement (see `writeRows`).
   */
  write(): Promise<void> {
    return writeRows(this.em, [this]);
  }

  /** What `write` sends: the recorded events' inserts, then the row's update; marks them sent. */
  pending(): Statement[] {
    const recorded = this.eventLog?.getUnitOfWork().getPersistStack();
    const events = [...(recorded ?? [])] as Row[];
    recorded?.clear();
    const statements = events.map((event) => insertStatement(this.em, this.em.getMetadata().get(event.constructor as EntityClass<object>) as EntityMetadata, event));
    const meta = this.em.getMetadata().get(this.entity) as EntityMetadata;
    const now = this.row as Row;
    const after = this.valuesOf(now);
    const changed = this.props().filter((p) => p.name !== 'updatedAt' && after[p.name] !== this.before[p.name]);
    if (!changed.length) return statements;
    this.row.updatedAt = new Date();
    const written = [...changed, meta.properties.updatedAt as EntityProperty];
    const sets = written.map((p) => `"${p.fieldNames[0]}" = ?`).join(', ');
    statements.push({ sql: `update "${meta.tableName}" set ${sets} where "id" = ?`, params: [...written.map((p) => this.databaseValue(p, now[p.name])), this.row.id] });
    Object.assign(this.before, after);
    return statements;
  }

  private props(): EntityProperty[] {
    return columnsOf(this.em.getMetadata().get(this.entity) as EntityMetadata);
  }

  /** Comparable values: primitives as they are, a relation as its id, dates and jsonb as text (in-place changes count). */
  private valuesOf(row: Row): Row {
    const values: Row = {};
    for (const p of this.props()) values[p.name] = comparable(p, row[p.name]);
    return values;
  }

  private databaseValue(prop: EntityProperty, value: unknown): unknown {
    return databaseValue(this.em, prop, value);
  }
}

/** One SQL statement with `?` placeholders and its values, in order. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * Sends several writes that need no answer as one statement, one round trip instead of one each (a round trip
 * costs the gateway about as much CPU as the rest of a statement's work; docs/benchmarks.md, third round): all
 * but the last become data-modifying CTEs, which PostgreSQL runs exactly once and to completion. They share one
 * snapshot, so no part may read or write a row another part writes: use it for inserts and for updates of
 * distinct rows. Constraint and trigger checks still run at the statement's end, as for separate statements.
 */
export async function executeAll(em: EntityManager, statements: Statement[]): Promise<void> {
  if (!statements.length) return;
  const last = statements[statements.length - 1]!;
  const parts = statements.slice(0, -1).map((s, i) => `w${i} as (${s.sql})`);
  const sql = parts.length ? `with ${parts.join(', ')} ${last.sql}` : last.sql;
  await em.execute(sql, statements.flatMap((s) => s.params));
}

/** The pending writes of several locked rows (each row's events, then the row), in the order given, in one statement. */
export function writeRows(em: EntityManager, rows: LockedRow<{ id: string; updatedAt: Date }>[]): Promise<void> {
  return executeAll(em, rows.flatMap((row) => row.pending()));
}

/**
 * A new row, not yet written: `values` by property name, a relation as its id; every other column takes the
 * entity class's initial value (its id, timestamps, status), as `em.create` would give it.
 */
export function newRow<T extends object>(entity: new () => T, values: { [K in keyof T]?: unknown }): NewRow {
  return { entity, row: { ...new entity(), ...values } as Row };
}

export interface NewRow {
  entity: new () => object;
  row: Row;
}

/** New rows with one plain statement for all of them, outside the unit of work (no entity is created or managed). */
export async function insertRows(em: EntityManager, rows: NewRow[]): Promise<void> {
  await executeAll(em, rows.map(({ entity, row }) => insertStatement(em, em.getMetadata().get(entity) as EntityMetadata, row)));
}

function insertStatement(em: EntityManager, meta: EntityMetadata, row: Row): Statement {
  const props = columnsOf(meta).filter((p) => row[p.name] !== undefined);
  const columns = props.map((p) => `"${p.fieldNames[0]}"`).join(', ');
  const params = props.map(() => '?').join(', ');
  return { sql: `insert into "${meta.tableName}" (${columns}) values (${params})`, params: props.map((p) => databaseValue(em, p, row[p.name])) };
}

const columns = new WeakMap<EntityMetadata, EntityProperty[]>();

/**
 * The properties that are one column of the entity's own table: its scalars and owning to-one relations (once
 * per entity). Collections live in other tables; an entity with anything else (embeddables, formulas) is refused.
 */
function columnsOf(meta: EntityMetadata): EntityProperty[] {
  let found = columns.get(meta);
  if (!found) {
    const own = (p: EntityProperty) => p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner);
    const collection = (p: EntityProperty) => p.kind === ReferenceKind.ONE_TO_MANY || p.kind === ReferenceKind.MANY_TO_MANY || (p.kind === ReferenceKind.ONE_TO_ONE && !p.owner);
    found = meta.props.filter((p) => p.persist !== false && !collection(p));
    const unsupported = found.find((p) => !own(p) || p.embedded || p.formula || p.fieldNames?.length !== 1);
    if (unsupported) throw new Error(`row writes of ${meta.className}: ${unsupported.name} (${unsupported.kind}) is not supported`);
    columns.set(meta, found);
  }
  return found;
}

function databaseValue(em: EntityManager, prop: EntityProperty, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (prop.kind !== ReferenceKind.SCALAR) return typeof value === 'string' ? value : (value as { id: string }).id;
  return prop.customType ? prop.customType.convertToDatabaseValue(value, em.getPlatform()) : value;
}

function comparable(prop: EntityProperty, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (prop.kind !== ReferenceKind.SCALAR) return (value as { id: string }).id;
  if (value instanceof Date) return `date:${value.getTime()}`;
  if (typeof value === 'object') return `json:${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`;
  return value;
}
