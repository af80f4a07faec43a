import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './mikro-orm.config';

export type Orm = MikroORM;

export async function openOrm(url: string, options: { poolMax?: number; log?: (message: string) => void } = {}): Promise<Orm> {
  return MikroORM.init(ormConfig(url, options));
}

/** Applies every committed migration that has not run yet; returns their names. */
export async function migrate(orm: Orm): Promise<string[]> {
  const done = await orm.migrator.up();
  return done.map((m) => m.name);
}
