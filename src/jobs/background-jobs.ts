import type { Logger } from 'pino';
import type { Config } from '../config/config';
import { createPaymentsEnv, type PaymentsParts } from '../domain/engine/payments-env';
import { Reconciler } from './reconciler';
import { recoveryPolicyOf } from '../domain/engine/recovery-policy';
import { scopedTo, unscoped } from '../domain/tenancy';
import { deadlineOf } from '../domain/engine/payments-env';
import { IdempotencyPurge } from './idempotency-purge';
import { startJobQueue, stopJobQueue, type JobQueue } from './job-queue';
import { ScheduledPaymentsRunner } from './scheduled-payments';
import { WebhookDispatcher } from './webhooks';

export interface BackgroundJobs {
  queue: JobQueue;
  reconciler: Reconciler;
  idempotencyPurge: IdempotencyPurge;
  scheduledPayments: ScheduledPaymentsRunner;
  webhooks: WebhookDispatcher;
  stop(): Promise<void>;
}

/** How often each instance asks for an idempotency-key purge (one runs per window across instances). */
const PURGE_EVERY_MS = 15 * 60 * 1000;

/** The job queue on the application's database and the work that runs on it; stop() lets running jobs finish. */
export async function startBackgroundJobs(config: Config, url: string, log: Logger, parts: Omit<PaymentsParts, 'log' | 'providerTimeoutMs'>): Promise<BackgroundJobs> {
  const queue = await startJobQueue({ url, log });
  const providerTimeoutMs = config.payments.providerTimeoutMs;
  // Jobs work across every site on purpose: each row they pick names its own site.
  const everySite = unscoped(parts.em);
  const reconciler = new Reconciler(queue, () => createPaymentsEnv({ ...parts, em: everySite, log, providerTimeoutMs, recovery: recoveryPolicyOf(config), phases: config.payments.phases }), {
    intervalMs: config.payments.reconcileIntervalMs,
    afterMs: config.payments.reconcileAfterMs,
    workers: 2,
  });
  const idempotencyPurge = new IdempotencyPurge(queue, everySite, log, PURGE_EVERY_MS);
  const envParts = { ...parts, log, providerTimeoutMs, recovery: recoveryPolicyOf(config), phases: config.payments.phases };
  const scheduledPayments = new ScheduledPaymentsRunner(
    queue,
    (clock) => ({
      em: everySite,
      envFor: (siteId) => createPaymentsEnv({ ...envParts, em: scopedTo(parts.em, siteId) }),
      clock,
      // Longer than one payment's provider deadline and both phases: a live run is never taken over.
      leaseMs: deadlineOf({ providerTimeoutMs }) * 2 + 10_000,
    }),
    { intervalMs: config.scheduling.intervalMs, log, clock: () => config.scheduling.clock },
  );
  const webhooks = new WebhookDispatcher(queue, { em: everySite, cipher: parts.cipher, settings: config.webhooks }, { sweepIntervalMs: config.webhooks.sweepIntervalMs, log });
  const stop = async () => {
    idempotencyPurge.stop();
    await webhooks.stop();
    await scheduledPayments.stop();
    await reconciler.stop();
    // Long enough for a status query in flight (two provider timeouts and a token call) to finish.
    await stopJobQueue(queue, providerTimeoutMs * 2 + 2_000);
  };
  try {
    await reconciler.start();
    await idempotencyPurge.start();
    await scheduledPayments.start();
    await webhooks.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { queue, reconciler, idempotencyPurge, scheduledPayments, webhooks, stop };
}
