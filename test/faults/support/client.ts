import { randomUUID } from 'node:crypto';

export { CANCEL, CAPTURE, PAY, REFUND, TRANSACTION, card } from '../../integration/payments/payments-fixture';

export interface GqlAnswer {
  status: number;
  data?: Record<string, any>;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  /** Set when the request never got an HTTP answer (the gateway was killed under it). */
  failed?: string;
}

/** One GraphQL request over HTTP as the merchant; a dropped connection is an answer too, not a thrown error. */
export async function gql(url: string, key: string, query: string, variables: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<GqlAnswer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const body = (text ? JSON.parse(text) : {}) as Omit<GqlAnswer, 'status'>;
    return { status: response.status, ...body };
  } catch (error) {
    return { status: 0, failed: error instanceof Error ? error.message : String(error) };
  }
}

export const newKey = (prefix = 'fault') => `${prefix}-${randomUUID()}`;

/** The sandbox's knobs (knobs.ts) and fault knobs (faults.ts), over HTTP: it may run in another process. */
export async function setKnobs(sandboxUrl: string, knobs: Record<string, unknown>): Promise<void> {
  await post(`${sandboxUrl}/__sandbox/knobs`, knobs);
}

export async function setFaults(sandboxUrl: string, faults: Record<string, unknown>): Promise<void> {
  await post(`${sandboxUrl}/__sandbox/faults`, faults);
}

/** Back to no faults, so one scenario never leaks into the next. */
export async function resetSandbox(sandboxUrl: string): Promise<void> {
  await setKnobs(sandboxUrl, { latencyMs: 0, slowCardDelayMs: 3000, loseResponses: 0, fail503: 0, sendCallbacks: true, callbackDelayMs: 0 });
  await post(`${sandboxUrl}/__sandbox/faults/reset`, {});
}

async function post(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${await response.text()}`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until the probe returns a value (not undefined), for at most timeoutMs; returns the last value or undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 250): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await sleep(everyMs);
  }
}
