import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

export type JobQueue = PgBoss;

export interface JobQueueOptions {
  /** The application's own database: pg-boss keeps its tables in the `pgboss` schema there. */
  url: string;
  log: Logger;
}

/**
 * Background work on pg-boss (DESIGN.md "Scale-out"): jobs are rows fetched with SKIP LOCKED, so any number of
 * gateway instances on one database share them and each job runs once. pg-boss creates and migrates its own
 * schema at start (safe when several instances start at once); it is not part of our MikroORM migrations.
 */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: options.url,
    application_name: 'paygraph-jobs',
    max: 4,
    // Nothing here runs on cron; the reconciler enqueues from its own timer, so the clock monitor isn't needed.
    schedule: false,
  });
  boss.on('error', (error) => options.log.warn({ error: error.message }, 'job queue error'));
  try {
    await boss.start();
  } catch (error) {
    await boss.stop({ graceful: false, close: true }).catch(() => undefined);
    throw error;
  }
  return boss;
}

/** Waits up to `timeoutMs` for jobs in progress; any still running then are failed, to be retried by whichever instance fetches them. */
export async function stopJobQueue(boss: JobQueue, timeoutMs: number): Promise<void> {
  await boss.stop({ graceful: true, wait: true, close: true, timeout: timeoutMs });
}
