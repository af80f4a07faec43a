import type PgBoss from 'pg-boss';
import { deadlineOf, type PaymentsEnv } from '../domain/engine/payments-env';
import { closeAbandonedKeys } from '../domain/idempotency/idempotency.service';
import { claimAttempt, findDue, type DueRow } from '../domain/engine/reconcile-sweep';
import { RECOVERY_DEFAULTS } from '../domain/engine/recovery-policy';
import { resolveStored } from '../domain/engine/resolve';

/**
 * A new name for a new policy: pg-boss can't change an existing queue's policy, and the old `stately` queue
 * (one active job per key, through a unique index) is what let one orphaned job stall every fetch.
 */
export const RECONCILE_QUEUE = 'payments-reconcile-v2';

type ReconcileJob = DueRow;

export interface ReconcilerOptions {
  intervalMs: number;
  afterMs: number;
  /** Jobs this instance works on at once (each is one status query). */
  workers: number;
}

/**
 * Resolves open movements through the job queue. A sweep (at start, then every intervalMs, on every instance)
 * enqueues one job per due row; workers on every instance take jobs with SKIP LOCKED.
 *
 * The queue's policy is `short`: the row as singletonKey only de-duplicates jobs that wait. Nothing about a job
 * that runs (or that a killed instance left "active") blocks another. Exclusivity comes from the row itself:
 * a job first claims the row's next attempt (claimAttempt, a conditional upsert that moves next_attempt_at
 * past the status query), so one row is asked about by one job at a time, and a job that finds its row already
 * settled or claimed asks the provider nothing. The result is applied under the row lock, lock then read.
 */
export class Reconciler {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;
  private readonly workerIds: string[] = [];
  /** Jobs this process is running now. */
  private inFlight = 0;

  constructor(
    private readonly boss: PgBoss,
    private readonly env: () => PaymentsEnv,
    private readonly options: ReconcilerOptions,
  ) {}

  async start(): Promise<void> {
    const jobSeconds = Math.ceil((deadlineOf(this.env()) * 2) / 1000) + 30;
    await this.boss.createQueue(RECONCILE_QUEUE, {
      name: RECONCILE_QUEUE,
      policy: 'short',
      // A failed job is not retried: the row stays due and the next sweep enqueues it again, after its backoff.
      retryLimit: 0,
      expireInSeconds: jobSeconds,
      // A job nobody fetched within the hour is dropped; the next sweep enqueues its row again if still due.
      retentionMinutes: 60,
    });
    for (let i = 0; i < this.options.workers; i += 1) {
      this.workerIds.push(await this.boss.work<ReconcileJob>(RECONCILE_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, (jobs) => this.handle(jobs)));
    }
    this.sweepInBackground();
    if (this.options.intervalMs > 0) {
      this.timer = setInterval(() => this.sweepInBackground(), this.options.intervalMs);
      this.timer.unref();
    }
  }

  /**
   * Jobs that waited longer than any healthy queue lets them wait, at the last sweep: a gauge for metrics.
   * pg-boss 10 swallows the errors of its fetch query, so a queue whose fetch keeps failing (or whose
   * workers are gone) shows only as jobs that wait; each sweep looks, and logs an error when they do.
   */
  stalledJobs = 0;

  /** Enqueues a job per due row; a row with a job already waiting is skipped by the queue. */
  async sweep(): Promise<{ due: number; queued: number }> {
    await this.checkStalled();
    const env = this.env();
    await closeAbandonedKeys(env.em, env.idempotency.timing.takeoverAfterMs);
    const due = await findDue(env, this.options.afterMs);
    let queued = 0;
    for (const row of due) {
      if (await this.boss.send(RECONCILE_QUEUE, row, { singletonKey: row.resource })) queued += 1;
    }
    if (queued) this.notifyWorkers();
    return { due: due.length, queued };
  }

  /**
   * One sweep, then wait until no job waits and this process runs none: for tests and operators. Jobs active
   * elsewhere are not waited for (one may be an orphan of a killed instance). Idle must be seen three polls in
   * a row, because a job just fetched is active before its handler starts.
   */
  async runOnce(): Promise<{ due: number; queued: number }> {
    const result = await this.sweep();
    const deadline = Date.now() + deadlineOf(this.env()) * 2 + 2_000;
    for (let idle = 0; idle < 3; ) {
      const busy = this.inFlight > 0 || (await this.boss.getQueueSize(RECONCILE_QUEUE, { before: 'active' })) > 0;
      idle = busy ? 0 : idle + 1;
      if (Date.now() > deadline) {
        this.env().log.warn({ queue: RECONCILE_QUEUE }, 'reconcile jobs still running after the wait');
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return result;
  }

  /** Stops sweeping; the jobs themselves stop with the queue (stopJobQueue), which waits for those running. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
  }

  private async handle(jobs: PgBoss.Job<ReconcileJob>[]): Promise<void> {
    this.inFlight += 1;
    try {
      for (const job of jobs) await this.attempt(job.data);
    } finally {
      this.inFlight -= 1;
    }
  }

  private async attempt(row: ReconcileJob): Promise<void> {
    const env = this.env();
    const maxAttempts = env.recovery?.maxAttempts ?? RECOVERY_DEFAULTS.maxAttempts;
    const claim = await claimAttempt(env, env.em.fork(), row, this.options.afterMs, maxAttempts);
    if (!claim.claimed) return;
    await resolveStored(env, row.resource);
    if (claim.parked) {
      env.log.error({ resource: row.resource, siteId: row.siteId, attempts: claim.attempts }, 'reconcile row parked: still unsettled after the last attempt; an operator must look (reconcile_attempt.parked_at)');
    }
  }

  private async checkStalled(): Promise<void> {
    const env = this.env();
    const waitMs = deadlineOf(env) * 2 + 10_000;
    const rows = await env.em.fork().getConnection().execute<{ stalled: number; oldest: Date | null }[]>(
      `select count(*)::int as stalled, min(created_on) as oldest from pgboss.job
        where name = ? and state in ('created', 'retry') and start_after < now() - ?::float8 * interval '1 millisecond'`,
      [RECONCILE_QUEUE, waitMs],
    );
    this.stalledJobs = rows[0]?.stalled ?? 0;
    if (this.stalledJobs) env.log.error({ queue: RECONCILE_QUEUE, stalled: this.stalledJobs, oldest: rows[0].oldest, waitMs }, 'reconcile queue stalled: jobs wait longer than they should; recovery is not running');
  }

  private notifyWorkers(): void {
    for (const id of this.workerIds) this.boss.notifyWorker(id);
  }

  /** One sweep at a time per process; a failed sweep is logged and the next tick tries again. */
  private sweepInBackground(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweep()
      .catch((error: unknown) => this.env().log.error({ error: error instanceof Error ? error.message : String(error) }, 'reconcile sweep failed'))
      .finally(() => (this.sweeping = undefined));
  }
}
