import { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';

function adminUrl(): string {
  const url = process.env.PAYGRAPH_TEST_PG_URL;
  if (!url) throw new Error('PAYGRAPH_TEST_PG_URL is not set: run the tests through jest (test/support/global-setup.ts)');
  return url;
}

async function admin<T>(work: (orm: MikroORM) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init({ clientUrl: adminUrl(), entities: [], discovery: { warnWhenNoEntities: false }, pool: { min: 0, max: 1 } });
  try {
    return await work(orm);
  } finally {
    await orm.close();
  }
}

/** A new empty database in the shared test cluster; migrations are applied by bootstrap like in production. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin((orm) => orm.em.getConnection().execute(`create database ${name}`));
  const url = adminUrl().replace(/\/[^/]+$/, `/${name}`);
  return {
    url,
    drop: async () => {
      await admin((orm) => orm.em.getConnection().execute(`drop database if exists ${name} with (force)`));
    },
  };
}
