import type { Load } from './cases';

/** The benchmark's knobs, all from the environment (docs/benchmarks.md lists them). */
export const SHAPE = { orders: numberFrom('BENCH_ORDERS', 200), methodsPerCustomer: 2, transactionsPerOrder: 3 };
export const LOAD: Load = {
  connections: numberFrom('BENCH_CONNECTIONS', 10),
  durationSeconds: numberFrom('BENCH_SECONDS', 10),
  warmupSeconds: numberFrom('BENCH_WARMUP_SECONDS', 2),
};
/** A folder: the gateway runs under `--cpu-prof` and the summary of its profile is printed at the end. */
export const PROFILE_DIR = process.env.BENCH_PROFILE || undefined;
/** The gateway's LOG_LEVEL: warn by default; info measures the cost of a log line per request. */
export const LOG_LEVEL = process.env.BENCH_LOG_LEVEL || 'warn';
/**
 * Comma-separated: `viewer`, `orders` (reads), `pay`, `capture`, `refund` (writes) and `rate` (pay at a fixed
 * offered rate, BENCH_RATE per second); all by default. A profile of one case is easier to read.
 */
export const CASES = (process.env.BENCH_CASES || 'viewer,orders,pay,capture,refund,rate').split(',').map((c) => c.trim());
export const RATE = numberFrom('BENCH_RATE', 100);
/** The page sizes the `orders` case measures, e.g. `10,100` (each nested list stays at 5). */
export const PAGE_SIZES = listFrom('BENCH_FIRST', [50]);
/** Gateway processes on the one database; the load is split evenly between them (the baseline stays one). */
export const INSTANCES = numberFrom('BENCH_INSTANCES', 1);
/** Seconds between memory readings of the gateway during each case (0: only after each case). */
export const MEMORY_EVERY = numberFrom('BENCH_MEMORY_EVERY', 0);
/** Each case's seconds split into this many turns, gateway and baseline alternating (src/bench/slices.ts); 1: one run each. */
export const SLICES = numberFrom('BENCH_SLICES', 1);
/**
 * Another build's `dist/src/main.js` to measure as the gateway (same harness, data and baseline): a before and
 * an after build compared in one run each, alternately, under the same load.
 */
export const GATEWAY_ENTRY = process.env.BENCH_GATEWAY || undefined;
/** Another build's `dist/src/main.js`, measured as "gateway B" beside the gateway in the same turns of each read case (an A/B in the same minutes). */
export const GATEWAY_B_ENTRY = process.env.BENCH_GATEWAY_B || undefined;
/** Set: print PostgreSQL's plans (auto_explain, with buffers) of one orders request per server, then stop. */
export const EXPLAIN = process.env.BENCH_EXPLAIN === '1';

function numberFrom(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name}: a whole number, got "${value}"`);
  return Number(value);
}

function listFrom(name: string, fallback: number[]): number[] {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const sizes = value.split(',').map((v) => v.trim());
  if (!sizes.every((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 100)) throw new Error(`${name}: page sizes 1–100, comma-separated, got "${value}"`);
  return sizes.map(Number);
}
