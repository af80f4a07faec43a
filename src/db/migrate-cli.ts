import { readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/config';
import { startEmbeddedPostgres } from './embedded-postgres';
import { migrate, openOrm } from './orm';

/**
 * `up` applies migrations (DATABASE_URL, or the embedded database under DATA_DIR);
 * `create` writes a migration for the difference between the entities and the database, and lists it in
 * migrations/index.ts; `check` exits 1 when the entities and the migrations disagree.
 */
async function main(command: string | undefined): Promise<number> {
  const config = loadConfig();
  const embedded = config.database.url
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.database.embeddedPort, persistent: true });
  const orm = await openOrm(config.database.url ?? embedded!.url);
  try {
    if (command === 'up') {
      const names = await migrate(orm);
      console.log(names.length ? `applied: ${names.join(', ')}` : 'database is up to date');
      return 0;
    }
    await migrate(orm);
    if (command === 'create') {
      const result = await orm.migrator.create(resolve('migrations'));
      if (!result.fileName) {
        console.log('no changes: entities and migrations agree');
        return 0;
      }
      await writeIndex();
      console.log(`created migrations/${result.fileName}`);
      return 0;
    }
    if (command === 'check') {
      const drift = await orm.migrator.checkSchema();
      console.log(drift ? 'entities and migrations differ: run npm run migration:create' : 'entities and migrations agree');
      return drift ? 1 : 0;
    }
    console.error('usage: migrate-cli up|create|check');
    return 2;
  } finally {
    await orm.close();
    await embedded?.stop();
  }
}

async function writeIndex(): Promise<void> {
  const files = (await readdir('migrations')).filter((f) => /^Migration\d+.*\.ts$/.test(f)).sort();
  const names = files.map((f) => f.replace(/\.ts$/, ''));
  const imports = names.map((n) => `import { ${n} } from './${n}';`).join('\n');
  const list = names.map((n) => `  { name: '${n}', class: ${n} },`).join('\n');
  await writeFile(
    join('migrations', 'index.ts'),
    `// Maintained by \`npm run migration:create\`: every migration class, in the order they run.\n` +
      `import type { MigrationObject } from '@mikro-orm/core';\n${imports}\n\n` +
      `` +
      `export const migrationsList: MigrationObject[] = [\n${list}\n];\n`,
  );
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
