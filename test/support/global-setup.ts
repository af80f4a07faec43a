import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/bench/processes';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded-postgres';

declare global {
  var __PAYGRAPH_PG__: EmbeddedDatabase | undefined;
}

export { freePort };

/** One real PostgreSQL for the whole run; every test file makes its own database in it (test/support/app.ts). */
export default async function globalSetup(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'paygraph-test-'));
  const db = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  globalThis.__PAYGRAPH_PG__ = db;
  process.env.PAYGRAPH_TEST_PG_URL = db.url;
}
