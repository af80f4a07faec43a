import { join } from 'node:path';
import { migrationsList } from '../../migrations';
import { migrate, openOrm, type Orm } from '../../src/db/orm';
import { TestApp } from '../support/app';
import { buildEntry, Entry, type Build } from '../support/built-entry';
import { createTestDatabase } from '../support/database';

const NAMES = migrationsList.map((m) => m.name);

describe('migrations', () => {
  it('applied through bootstrap on a fresh database, leave no drift against the entities', async () => {
    const t = await TestApp.start();
    try {
      const migrator = t.running.orm.migrator;
      expect((await migrator.getExecuted()).map((m) => m.name)).toEqual(NAMES);
      expect(await migrator.getPending()).toEqual([]);
      expect(await migrator.checkSchema()).toBe(false);
    } finally {
      await t.close();
    }
  });

  describe('on a database of their own', () => {
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    let orm: Orm;
    beforeEach(async () => {
      db = await createTestDatabase();
      orm = await openOrm(db.url, { log: () => undefined });
    });
    afterEach(async () => {
      await orm.close();
      await db.drop();
    });

    it('runs every migration down and up again, ending with the same schema', async () => {
      expect(await migrate(orm)).toEqual(NAMES);
      await orm.migrator.down({ to: 0 });
      expect(await orm.migrator.getExecuted()).toEqual([]);
      const tables = await orm.em.fork().execute(`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name <> 'mikro_orm_migrations'`);
      expect(tables[0].n).toBe(0);
      expect(await migrate(orm)).toEqual(NAMES);
      expect(await orm.migrator.checkSchema()).toBe(false);
    });

    it('applies nothing twice: a second run finds the database up to date', async () => {
      expect(await migrate(orm)).toEqual(NAMES);
      expect(await migrate(orm)).toEqual([]);
    });

    it('reports drift when the database no longer matches the entities', async () => {
      await migrate(orm);
      await orm.em.fork().execute('alter table "order" drop column "description"');
      expect(await orm.migrator.checkSchema()).toBe(true);
    });
  });
});

describe('the migration CLI (npm run migrate / migration:check), built', () => {
  let build: Build;
  beforeAll(async () => {
    build = await buildEntry();
  }, 180_000);
  afterAll(() => build?.remove());

  const cli = async (command: string, url: string) => {
    const entry = new Entry(join(build.dist, 'src/db/migrate-cli.js'), { DATABASE_URL: url, LOG_LEVEL: 'warn' }, [command]);
    const exit = await entry.waitForExit(60_000);
    return { code: exit.code, out: entry.stdout, err: entry.stderr };
  };

  it('`migrate` applies the committed migrations to DATABASE_URL once, and `check` then exits 0', async () => {
    const db = await createTestDatabase();
    try {
      const up = await cli('up', db.url);
      expect(up.code).toBe(0);
      expect(up.out.endsWith(`applied: ${NAMES.join(', ')}\n`)).toBe(true);
      expect(await cli('up', db.url)).toMatchObject({ code: 0, out: 'database is up to date\n' });
      expect(await cli('check', db.url)).toMatchObject({ code: 0, out: 'entities and migrations agree\n' });
    } finally {
      await db.drop();
    }
  }, 120_000);

  it('`check` exits 1 and says what to run when the schema has drifted', async () => {
    const db = await createTestDatabase();
    const orm = await openOrm(db.url, { log: () => undefined });
    try {
      await migrate(orm);
      await orm.em.fork().execute('alter table "customer" add column "nickname" text');
      const check = await cli('check', db.url);
      expect(check).toMatchObject({ code: 1, out: 'entities and migrations differ: run npm run migration:create\n' });
    } finally {
      await orm.close();
      await db.drop();
    }
  }, 120_000);

  it('refuses an unknown command with usage and exit 2', async () => {
    const db = await createTestDatabase();
    try {
      const result = await cli('sideways', db.url);
      expect(result.code).toBe(2);
      expect(result.err).toContain('usage: migrate-cli up|create|check');
    } finally {
      await db.drop();
    }
  }, 120_000);
});
