import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * How long ago `since` (a timestamp the database wrote) was, by the database's own clock: instances' clocks
 * drift, and a decision that compares with a row's created_at must not depend on which instance makes it.
 */
export async function ageInDatabaseMs(em: EntityManager, since: Date): Promise<number> {
  const [row] = await em.execute<{ ms: string }[]>('select extract(epoch from (clock_timestamp() - ?::timestamptz)) * 1000 as ms', [since]);
  return Number(row!.ms);
}
