/**
 * Exponential backoff with jitter: base·2^(n−1), capped, then scaled by a random factor in [0.5, 1) ("equal
 * jitter"), so endpoints that failed together do not all come back at the same instant.
 */
export function retryDelayMs(failedAttempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(failedAttempts - 1, 0), 40));
  return Math.round(exponential * (0.5 + random() * 0.5));
}
