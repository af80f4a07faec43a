import type PgBoss from 'pg-boss';
import { deadlineOf, type PaymentsEnv } from './payments-env';
import { findDue } from './reconcile-sweep';
import { settleResource } from './settle';

export const RECONCILE_QUEUE = 'payments-reconcile';

interface ReconcileJob {
  /** `Type:id`, as settleResource takes it; also the job's singletonKey. */
  resource: string;
}

export interface ReconcilerOptions {
  intervalMs: number;
  afterMs: number;
  /** Jobs this instance works on at once (each is one status query). */
  workers: number;
}

/**
 * Settles unsettled rows through the job queue. A sweep (at start, then every intervalMs, on every instance)
 * enqueues one job per due resource; workers on every instance take jobs with SKIP LOCKED, so each runs once.
 * The queue is `stately` with the resource as singletonKey: at most one job per resource waits and at most one
 * runs, so a resource is never asked about twice at once however many instances sweep it. A job that finds
 * its row already settled (by a callback, or by the job before it) asks the provider nothing.
 */
export class Reconciler {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;
  private readonly workerIds: string[] = [];

  constructor(
    private readonly boss: PgBoss,
    private readonly env: () => PaymentsEnv,
    private readonly options: ReconcilerOptions,
  ) {}

  async start(): Promise<void> {
    const jobSeconds = Math.ceil((deadlineOf(this.env()) * 2) / 1000) + 30;
    await this.boss.createQueue(RECONCILE_QUEUE, {
      name: RECONCILE_QUEUE,
      policy: 'stately',
      retryLimit: 2,
      retryDelay: 5,
      retryBackoff: true,
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

  /** Enqueues a job per due resource; a resource with a job already waiting is skipped by the queue. */
  async sweep(): Promise<{ due: number; queued: number }> {
    const due = await findDue(this.env(), this.options.afterMs);
    let queued = 0;
    for (const resource of due) {
      if (await this.boss.send(RECONCILE_QUEUE, { resource }, { singletonKey: resource })) queued += 1;
    }
    if (queued) this.notifyWorkers();
    return { due: due.length, queued };
  }

  /** One sweep, then wait until the queue is empty (this and other instances' jobs): for tests and operators. */
  async runOnce(): Promise<{ due: number; queued: number }> {
    const result = await this.sweep();
    const deadline = Date.now() + deadlineOf(this.env()) * 2 + 2_000;
    while ((await this.boss.getQueueSize(RECONCILE_QUEUE, { before: 'completed' })) > 0) {
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
    for (const job of jobs) await settleResource(this.env(), job.data.resource);
    // A job for the same resource may have been held back while this one ran: fetch again now, not a poll later.
    this.notifyWorkers();
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
