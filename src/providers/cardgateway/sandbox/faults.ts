import type { FastifyInstance } from 'fastify';

/**
 * Fault knobs used by the fault suite (test/faults), beside the everyday ones in knobs.ts. Each one is
 * counted (the next N requests or notifications) or bounded in time, so a test can never hang the machine.
 */
export interface FaultKnobs {
  /** The next N money-moving requests wait stallRequestMs before they are processed (a call in flight). */
  stallRequests: number;
  stallRequestMs: number;
  /** The next N money-moving requests are processed (money moves), then the answer is held for holdAnswerMs. */
  holdAnswers: number;
  holdAnswerMs: number;
  /** The next N POST /payments get no answer (connection dropped) and are processed lateProcessingMs later. */
  lateProcessing: number;
  lateProcessingMs: number;
  /** Every notification is posted this many times in all (1 = once). */
  callbackCopies: number;
  /**
   * Before each genuine notification, post a forged copy whose unsigned long `status` says this ('' = off):
   * the checksum still matches because it covers only the short status. What anyone who saw one can send.
   */
  forgeCallbackStatus: string;
}

const MAX_DELAY_MS = 60_000;
const MAX_COPIES = 10;

export const defaultFaults = (): FaultKnobs => ({
  stallRequests: 0,
  stallRequestMs: 0,
  holdAnswers: 0,
  holdAnswerMs: 0,
  lateProcessing: 0,
  lateProcessingMs: 0,
  callbackCopies: 1,
  forgeCallbackStatus: '',
});

/** Applies a partial update; numbers are whole and non-negative, delays capped, the forged status a word. */
export function updateFaults(faults: FaultKnobs, patch: Record<string, unknown>): FaultKnobs {
  for (const [name, value] of Object.entries(patch)) {
    if (!(name in faults)) throw new RangeError(`unknown fault knob ${name}`);
    if (name === 'forgeCallbackStatus') {
      if (typeof value !== 'string' || !/^[a-z]{0,32}$/.test(value)) throw new RangeError(`${name} must be a lower-case status word or ''`);
      faults.forgeCallbackStatus = value;
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number`);
    const whole = Math.floor(value);
    const bounded = name.endsWith('Ms') ? Math.min(whole, MAX_DELAY_MS) : name === 'callbackCopies' ? Math.min(Math.max(whole, 1), MAX_COPIES) : whole;
    (faults as unknown as Record<string, number>)[name] = bounded;
  }
  return faults;
}

/** Takes one from a counted knob: true when this request is one of the next N. */
export function takeOne(faults: FaultKnobs, name: 'stallRequests' | 'holdAnswers' | 'lateProcessing'): boolean {
  if (faults[name] <= 0) return false;
  faults[name] -= 1;
  return true;
}

/** GET/POST /__sandbox/faults: read and change the fault knobs over HTTP (the sandbox may run in its own process). */
export function registerFaultRoutes(app: FastifyInstance, faults: FaultKnobs): void {
  app.get('/__sandbox/faults', async () => faults);
  app.post('/__sandbox/faults', async (request, reply) => {
    try {
      return updateFaults(faults, (request.body ?? {}) as Record<string, unknown>);
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message });
    }
  });
  app.post('/__sandbox/faults/reset', async () => Object.assign(faults, defaultFaults()));
}

/** The notifications to post for one genuine body: a forged copy first when asked, then callbackCopies genuine ones. */
export function callbackDeliveries(faults: FaultKnobs, genuine: Record<string, unknown>): Record<string, unknown>[] {
  const copies = Array.from({ length: Math.max(1, faults.callbackCopies) }, () => genuine);
  return faults.forgeCallbackStatus ? [{ ...genuine, status: faults.forgeCallbackStatus }, ...copies] : copies;
}
