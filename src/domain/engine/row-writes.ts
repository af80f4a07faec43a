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
   * onUpdate does); no update when none changed.
   */
  async write(): Promise<void> {
    const recorded = this.eventLog?.getUnitOfWork().getPersistStack();
    const events = [...(recorded ?? [])];
    recorded?.clear();
    if (events.length) await this.em.insertMany(events);
    const meta = this.em.getMetadata().get(this.entity) as EntityMetadata;
    const now = this.row as Row;
    const after = this.valuesOf(now);
    const changed = this.props().filter((p) => p.name !== 'updatedAt' && after[p.name] !== this.before[p.name]);
    if (!changed.length) return;
    this.row.updatedAt = new Date();
    const written = [...changed, meta.properties.updatedAt as EntityProperty];
    const sets = written.map((p) => `"${p.fieldNames[0]}" = ?`).join(', ');
    await this.em.execute(`update "${meta.tableName}" set ${sets} where "id" = ?`, [...written.map((p) => this.databaseValue(p, now[p.name])), this.row.id]);
    Object.assign(this.before, after);
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

/**
 * Inserts one new row with one plain statement, outside the unit of work (no entity is created or managed):
 * `values` by property name, a relation as its id; every other column takes the entity class's initial value
 * (its id, timestamps, status), as `em.create` would give it. Returns the row's values by property name.
 */
export async function insertRow<T extends object>(em: EntityManager, entity: new () => T, values: { [K in keyof T]?: unknown }): Promise<Row> {
  const meta = em.getMetadata().get(entity) as EntityMetadata;
  const row: Row = { ...new entity(), ...values };
  const props = columnsOf(meta).filter((p) => row[p.name] !== undefined);
  const columns = props.map((p) => `"${p.fieldNames[0]}"`).join(', ');
  const params = props.map(() => '?').join(', ');
  await em.execute(`insert into "${meta.tableName}" (${columns}) values (${params})`, props.map((p) => databaseValue(em, p, row[p.name])));
  return row;
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
