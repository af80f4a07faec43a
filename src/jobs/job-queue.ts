import PgBoss from 'pg-boss';
import type { Logger } from 'pino';

export type JobQueue = PgBoss;

let queueErrors = 0;

/** Errors the job queue reported since the process started (every instance of it): a counter for /metrics. */
export function jobQueueErrorCount(): number {
  return queueErrors;
}

export interface JobQueueOptions {
  /** The application's own database: pg-boss keeps its tables in the `pgboss` schema there. */
  url: string;
  log: Logger;
}

/**
 * Background work on pg-boss (docs/payments.md "Reconciling on the job queue (several instances)"): jobs are
 * rows fetched with SKIP LOCKED, so any number of gateway instances on one database share them and each job
 * runs once. pg-boss creates and migrates its own schema at start (safe when several instances start at
 * once); it is not part of our MikroORM migrations.
 */
export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: options.url,
    application_name: 'paygraph-jobs',
    max: 4,
    // Nothing here runs on cron; the reconciler enqueues from its own timer, so the clock monitor isn't needed.
    schedule: false,
  });
  // pg-boss reports failed fetches, maintenance and worker errors only through this event: unlogged, a
  // stuck queue shows in PostgreSQL's log alone while payments wait.
  boss.on('error', (error) => {
    queueErrors += 1;
    options.log.error({ error: error.message, queueErrors }, 'job queue error');
  });
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
