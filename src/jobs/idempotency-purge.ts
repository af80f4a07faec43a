import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { purgeExpiredIdempotencyKeys } from '../domain/idempotency/idempotency.service';
import type { JobQueue } from './job-queue';

export const PURGE_QUEUE = 'idempotency-purge';

/**
 * Keys are kept 24 h (Stripe's retention); after that their rows are deleted here. Every instance asks for a
 * purge on its timer, but the job is a singleton per window, so across N instances one purge runs per window.
 */
export class IdempotencyPurge {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly boss: JobQueue,
    private readonly em: EntityManager,
    private readonly log: Logger,
    private readonly everyMs: number,
  ) {}

  async start(): Promise<void> {
    await this.boss.createQueue(PURGE_QUEUE, { name: PURGE_QUEUE, retryLimit: 1, expireInSeconds: 300, retentionMinutes: 60 });
    await this.boss.work(PURGE_QUEUE, { batchSize: 1, pollingIntervalSeconds: 5 }, () => this.purge());
    // The first purge waits one window: start-up stays quiet, and a process that lives shorter has nothing to purge.
    this.timer = setInterval(() => void this.request().catch(() => undefined), this.everyMs);
    this.timer.unref();
  }

  /** Enqueues a purge unless one was already enqueued in this window (by this or another instance). */
  async request(): Promise<string | null> {
    return this.boss.send(PURGE_QUEUE, {}, { singletonKey: PURGE_QUEUE, singletonSeconds: Math.max(1, Math.floor(this.everyMs / 1000)) });
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async purge(): Promise<void> {
    const purged = await purgeExpiredIdempotencyKeys(this.em);
    if (purged) this.log.info({ purged }, 'expired idempotency keys deleted');
  }
}
