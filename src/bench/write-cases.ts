import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import type { Load, Measured } from './cases';

/**
 * Write cases: each autocannon connection loops over a short sequence (pay; pay then capture; pay then refund),
 * every request with a fresh idempotency key. A request counts as failed when the HTTP status is not 2xx or
 * when the body does not say the money moved (GraphQL answers 200 with userErrors), so a fast failure can't
 * pass for throughput.
 */
export type WriteKind = 'pay' | 'capture' | 'refund';

export interface WriteTarget {
  name: string;
  url: string;
  auth: Record<string, string>;
  /** One step of the sequence: the request for it given what the previous step returned, and what to read back. */
  pay(captureLater: boolean): StepRequest;
  capture(transactionId: string): StepRequest;
  refund(transactionId: string): StepRequest;
  /** The transaction id and the status of the answer, or undefined when it failed. */
  read(kind: WriteKind, body: string): { id?: string; status?: string } | undefined;
}

export interface StepRequest {
  path: string;
  body: string;
}

const EXPECTED: Record<WriteKind, string[]> = { pay: ['SUCCEEDED', 'AUTHORIZED'], capture: ['SUCCEEDED'], refund: ['SUCCEEDED'] };

export function sequence(kind: WriteKind): { first: WriteKind; captureLater: boolean; then?: WriteKind } {
  if (kind === 'pay') return { first: 'pay', captureLater: false };
  return kind === 'capture' ? { first: 'pay', captureLater: true, then: 'capture' } : { first: 'pay', captureLater: false, then: 'refund' };
}

export async function measureWrites(target: WriteTarget, kind: WriteKind, load: Load, overallRate?: number): Promise<Measured> {
  const run = async (seconds: number) => {
    const bad: Bad = { count: 0 };
    const result = await autocannon({
      url: target.url,
      connections: load.connections,
      duration: seconds,
      ...(overallRate ? { overallRate } : {}),
      requests: steps(target, kind, bad),
    });
    if (bad.sample) process.stderr.write(`  ${bad.count} answers said the money did not move, e.g. ${bad.sample}\n`);
    return { result, bad: bad.count };
  };
  // Without a warm-up (the smoke run), one sequence first: a cold gateway's first payment can take longer than
  // a 2 s case on a loaded machine, and a case that completed nothing fails the run.
  if (load.warmupSeconds > 0) await run(load.warmupSeconds);
  else await autocannon({ url: target.url, connections: 1, amount: sequence(kind).then ? 2 : 1, requests: steps(target, kind, { count: 0 }) });
  const { result, bad } = await run(load.durationSeconds);
  return {
    name: `${target.name} ${label(kind)}${overallRate ? ` @${overallRate}/s` : ''}`,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts + bad,
  };
}

export const label = (kind: WriteKind) => (kind === 'pay' ? 'pay' : kind === 'capture' ? 'pay+capture' : 'pay+refund');

type Context = { id?: string };
type Bad = { count: number; sample?: string };

function steps(target: WriteTarget, kind: WriteKind, bad: Bad): autocannon.Request[] {
  const seq = sequence(kind);
  const request = (req: autocannon.Request, made: StepRequest) => ({
    ...req,
    method: 'POST' as const,
    path: made.path,
    headers: { ...target.auth, 'content-type': 'application/json', 'idempotency-key': idempotencyKey() },
    body: made.body,
  });
  const check = (step: WriteKind) => (status: number, body: string, context: Context) => {
    const read = status === 200 ? target.read(step, body) : undefined;
    if (!read?.status || !EXPECTED[step].includes(read.status)) {
      bad.count++;
      bad.sample ??= `${step} HTTP ${status}: ${body.slice(0, 300)}`;
    }
    if (step === 'pay') context.id = read?.id;
  };
  const first: autocannon.Request = {
    setupRequest: (req) => request(req, target.pay(seq.captureLater)),
    onResponse: check('pay'),
  };
  if (!seq.then) return [first];
  const then = seq.then;
  return [
    first,
    {
      // Without a transaction from the first step there is nothing to capture or refund: start over.
      setupRequest: (req, context: Context) => (context.id ? request(req, then === 'capture' ? target.capture(context.id) : target.refund(context.id)) : (undefined as never)),
      onResponse: check(then),
    },
  ];
}

/** A fresh key with no run of 13+ digits: the gateway refuses anything in a header that looks like a card number. */
const idempotencyKey = () => `bench-${randomUUID().replace(/-/g, 'x')}`;
