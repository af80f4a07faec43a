import type { EntityManager } from '@mikro-orm/postgresql';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { findDeliverable } from '../domain/webhooks/webhook-claim';
import { deliverOnce, type DeliveryDeps } from '../domain/webhooks/webhook-delivery';

export const WEBHOOKS_QUEUE = 'webhook-deliveries-v1';

/**
 * Requests in flight per instance: a slow receiver holds one worker, not the queue. Workers poll rarely because the
 * sweep wakes them (notifyWorker) whenever it enqueues.
 */
const WORKERS = 4;
const SWEEP_LIMIT = 200;

/**
 * Delivers the outbox (docs/webhooks.md). A sweep on every instance (at start, every sweepIntervalMs, and after
 * each delivery that lets a resource's next event go) enqueues a job per delivery that may go now; workers on
 * every instance take jobs with SKIP LOCKED. The queue (policy `short`) only de-duplicates waiting jobs:
 * exclusivity and order come from the claim in webhook-claim.ts, and retries from the delivery's
 * next_attempt_at, so the queue's own retries are off.
 */
export class WebhookDispatcher {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<unknown>;
  private again = false;
  private stopped = false;
  private readonly workerIds: string[] = [];

  constructor(
    private readonly boss: PgBoss,
    private readonly deps: DeliveryDeps,
    private readonly options: { sweepIntervalMs: number; log: Logger },
  ) {}

  async start(): Promise<void> {
    const expireInSeconds = Math.ceil(this.deps.settings.timeoutMs / 1000) + 60;
    await this.boss.createQueue(WEBHOOKS_QUEUE, { name: WEBHOOKS_QUEUE, policy: 'short', retryLimit: 0, expireInSeconds, retentionMinutes: 60 });
    for (let i = 0; i < WORKERS; i += 1) {
      this.workerIds.push(await this.boss.work<{ id: string }>(WEBHOOKS_QUEUE, { batchSize: 1, pollingIntervalSeconds: 5 }, (jobs) => this.handle(jobs)));
    }
    this.kick();
    this.timer = setInterval(() => this.kick(), this.options.sweepIntervalMs);
    this.timer.unref();
  }

  /** Enqueues a job per delivery that may go now; one already waiting in the queue is not enqueued twice. */
  async sweep(): Promise<number> {
    const ids = await findDeliverable(this.deps.em.fork() as EntityManager, SWEEP_LIMIT);
    let queued = 0;
    for (const id of ids) {
      if (await this.boss.send(WEBHOOKS_QUEUE, { id }, { singletonKey: id })) queued += 1;
    }
    if (queued) for (const worker of this.workerIds) this.boss.notifyWorker(worker);
    return queued;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.sweeping?.catch(() => undefined);
  }

  private async handle(jobs: PgBoss.Job<{ id: string }>[]): Promise<void> {
    for (const job of jobs) {
      const outcome = await deliverOnce(this.deps, job.data.id).catch((error: unknown) => {
        this.options.log.error({ error: error instanceof Error ? error.message : String(error), delivery: job.data.id }, 'webhook delivery failed; its lease expires and a later sweep sends it again');
        return 'SKIPPED' as const;
      });
      // Delivered or given up: the resource's next event may go now rather than at the next tick.
      if (outcome === 'DELIVERED' || outcome === 'FAILED') this.kick();
    }
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.sweeping) {
      this.again = true;
      return;
    }
    this.sweeping = this.sweep()
      .catch((error: unknown) => this.options.log.error({ error: error instanceof Error ? error.message : String(error) }, 'webhook sweep failed'))
      .finally(() => {
        this.sweeping = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }
}
