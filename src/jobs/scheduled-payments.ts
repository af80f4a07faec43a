import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Clock } from '../kernel/clock';
import { runScheduledPayment, type RunDeps } from '../domain/scheduled-payments/scheduled-run';
import { recoverNativeSchedule } from '../domain/scheduled-payments/native-recovery';
import { settleNativeSchedule } from '../domain/scheduled-payments/native-outcome';
import { findLostNative, findNativeDue, findRunnable } from '../domain/scheduled-payments/scheduled-payment.queries';

/**
 * A gateway-run schedule to pay, or a provider-run one: whose answer was lost, to look for at the provider
 * (`find`), or past its payment date, whose payment to look for in the order's history (`outcome`).
 */
interface ScheduleJob {
  id: string;
  find?: boolean;
  outcome?: boolean;
}

const WORK = { run: runScheduledPayment, find: recoverNativeSchedule, outcome: settleNativeSchedule };
const kindOf = (job: ScheduleJob) => (job.find ? 'find' : job.outcome ? 'outcome' : 'run');

export const SCHEDULED_PAYMENTS_QUEUE = 'scheduled-payments-v1';

export interface ScheduledPaymentsOptions {
  intervalMs: number;
  log: Logger;
  /** Read at every sweep: the configuration's clock, which a test may replace. */
  clock: () => Clock;
}

/**
 * Pays the schedules the gateway runs, looks for provider-run schedules whose answer was lost
 * (docs/scheduled-payments.md "A lost answer"), and for the payment of provider-run schedules past their date
 * ("Native outcome"). A sweep on every instance (at start, then
 * every intervalMs) enqueues a job per runnable row; workers on every instance take jobs with SKIP LOCKED. The
 * queue (policy `short`) only de-duplicates jobs that wait: exclusivity comes from the row lock and lease in
 * runScheduledPayment, and a second payment is impossible because the payment's idempotency key is the row's.
 */
export class ScheduledPaymentsRunner {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;
  private inFlight = 0;
  private readonly workerIds: string[] = [];

  constructor(
    private readonly boss: PgBoss,
    private readonly deps: (clock: Clock) => RunDeps,
    private readonly options: ScheduledPaymentsOptions,
  ) {}

  async start(): Promise<void> {
    const leaseSeconds = Math.ceil(this.runDeps().leaseMs / 1000);
    await this.boss.createQueue(SCHEDULED_PAYMENTS_QUEUE, { name: SCHEDULED_PAYMENTS_QUEUE, policy: 'short', retryLimit: 0, expireInSeconds: leaseSeconds + 30, retentionMinutes: 60 });
    this.workerIds.push(await this.boss.work<ScheduleJob>(SCHEDULED_PAYMENTS_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, (jobs) => this.handle(jobs)));
    this.sweepInBackground();
    if (this.options.intervalMs > 0) {
      this.timer = setInterval(() => this.sweepInBackground(), this.options.intervalMs);
      this.timer.unref();
    }
  }

  /**
   * Enqueues a job per runnable row (due, or PROCESSING with an expired lease) and per provider-run row whose
   * answer was lost (native-recovery.ts) or whose payment date has passed (native-outcome.ts); a row with a
   * waiting job is skipped.
   */
  async sweep(): Promise<{ runnable: number; queued: number }> {
    const deps = this.runDeps();
    const ids = await findRunnable(deps.em.fork(), deps.clock.now());
    const lost = await findLostNative(deps.em.fork(), deps.clock.now(), deps.leaseMs);
    const due = await findNativeDue(deps.em.fork(), deps.clock.now());
    const jobs: ScheduleJob[] = [...ids.map((id) => ({ id })), ...lost.map((id) => ({ id, find: true })), ...due.map((id) => ({ id, outcome: true }))];
    let queued = 0;
    for (const job of jobs) {
      if (await this.boss.send(SCHEDULED_PAYMENTS_QUEUE, job, { singletonKey: kindOf(job) === 'run' ? job.id : `${kindOf(job)} ${job.id}` })) queued += 1;
    }
    if (queued) for (const worker of this.workerIds) this.boss.notifyWorker(worker);
    return { runnable: jobs.length, queued };
  }

  /** One sweep, then wait until no job waits or runs here (seen three polls in a row), bounded: for tests and operators. */
  async runOnce(timeoutMs = 30_000): Promise<{ runnable: number; queued: number }> {
    const result = await this.sweep();
    const deadline = Date.now() + timeoutMs;
    for (let idle = 0; idle < 3 && Date.now() < deadline; ) {
      const busy = this.inFlight > 0 || (await this.boss.getQueueSize(SCHEDULED_PAYMENTS_QUEUE, { before: 'active' })) > 0;
      idle = busy ? 0 : idle + 1;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return result;
  }

  /** Runs one schedule now, outside the queue, with the same row lock and checks a job has: false when it was not runnable. */
  run(id: string): Promise<boolean> {
    return runScheduledPayment(this.runDeps(), id);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
  }

  private runDeps(): RunDeps {
    // Thirty sweeps between two reads of a schedule's payment history (5 minutes at the default 10 s).
    return { outcomeRecheckMs: this.options.intervalMs * 30, ...this.deps(this.options.clock()) };
  }

  private async handle(jobs: PgBoss.Job<ScheduleJob>[]): Promise<void> {
    this.inFlight += 1;
    try {
      for (const job of jobs) await WORK[kindOf(job.data)](this.runDeps(), job.data.id);
    } catch (error) {
      this.options.log.error({ error: error instanceof Error ? error.message : String(error) }, 'scheduled payment run failed; its lease expires and a later sweep runs it again');
      throw error;
    } finally {
      this.inFlight -= 1;
    }
  }

  private sweepInBackground(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweep()
      .catch((error: unknown) => this.options.log.error({ error: error instanceof Error ? error.message : String(error) }, 'scheduled payments sweep failed'))
      .finally(() => (this.sweeping = undefined));
  }
}
