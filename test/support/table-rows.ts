import type { EntityManager } from '@mikro-orm/postgresql';

async function tableNames(em: EntityManager): Promise<string[]> {
  const rows = await em.execute<{ table_name: string }[]>(
    `select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  return rows.map((r) => r.table_name).filter((name) => name !== 'mikro_orm_migrations');
}

/** Rows per table of the app's schema, in one query: compare two snapshots to see what a request wrote. */
export async function rowCounts(em: EntityManager): Promise<Record<string, number>> {
  const names = await tableNames(em);
  const columns = names.map((name) => `(select count(*)::int from "${name}") as "${name}"`).join(', ');
  const [counts] = await em.execute<Record<string, number>[]>(`select ${columns}`);
  return counts;
}

/** Every row of every table as JSON text, for scanning the database for data that must never be stored. */
export async function dumpRows(em: EntityManager): Promise<string[]> {
  const rows: string[] = [];
  for (const name of await tableNames(em)) {
    const dump = await em.execute<{ row: string }[]>(`select row_to_json(t)::text as row from "${name}" t`);
    rows.push(...dump.map((d) => `${name} ${d.row}`));
  }
  return rows;
}
