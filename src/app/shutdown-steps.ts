import type { Logger } from '../server/logger';

/** How long one shutdown step may run before the log says which step is holding the shutdown. */
export const SLOW_STEP_MS = 5_000;

/**
 * Runs the shutdown steps in order. A step still running after SLOW_STEP_MS is named in a warning (again every
 * SLOW_STEP_MS), so an operator whose process manager had to SIGKILL the gateway knows what it waited for.
 */
export async function runShutdownSteps(log: Logger, steps: [name: string, run: () => Promise<unknown>][]): Promise<void> {
  for (const [step, run] of steps) {
    const started = Date.now();
    const slow = setInterval(() => log.warn({ step, waitedMs: Date.now() - started }, 'shutdown step still running'), SLOW_STEP_MS);
    slow.unref();
    try {
      await run();
    } finally {
      clearInterval(slow);
    }
  }
}
