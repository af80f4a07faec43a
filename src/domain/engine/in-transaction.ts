import type { EntityManager } from '@mikro-orm/postgresql';

/** serialization_failure and deadlock_detected: PostgreSQL rolled the whole transaction back, so running it again is safe. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 3;

export function isRetryableConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && RETRYABLE.has(String((error as { code?: unknown }).code));
}

/**
 * One DB transaction of a money movement (a phase, or applying a learnt result), on a fresh fork each attempt.
 * A deadlock or serialization failure is retried a bounded number of times, after a short random pause,
 * instead of surfacing as a masked 500 with the result unrecorded; any other error, or the last conflict, is
 * thrown. The work must keep no state outside its transaction between attempts (everything it read is re-read).
 */
export async function inTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await em.fork().transactional(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * attempt));
    }
  }
}
