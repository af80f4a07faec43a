import type { Load, Measured } from './cases';

/**
 * Gateway and baseline (and, with BENCH_GATEWAY_B, a second gateway build) measured in turns — slice 1 of
 * each, then slice 2 of each, … — instead of one long run each. On a shared machine the load from other work drifts within a minute; with one run per side a ratio
 * compares two different minutes, with slices both sides share each minute. The warm-up runs once per side,
 * before the first slice.
 */
export async function measureInTurns<S extends ((load: Load) => Promise<Measured>)[]>(
  sides: [...S],
  load: Load,
  slices: number,
): Promise<{ [K in keyof S]: Measured }> {
  type Result = { [K in keyof S]: Measured };
  if (slices <= 1) {
    const whole: Measured[] = [];
    for (const side of sides) whole.push(await side(load));
    return whole as Result;
  }
  const sliceSeconds = Math.max(1, Math.round(load.durationSeconds / slices));
  const parts: Measured[][] = sides.map(() => []);
  for (let i = 0; i < slices; i++) {
    for (const [n, side] of sides.entries()) {
      parts[n]!.push(await side({ ...load, durationSeconds: sliceSeconds, warmupSeconds: i === 0 ? load.warmupSeconds : 0 }));
    }
  }
  return parts.map((p) => combine(p, sliceSeconds)) as Result;
}

/** Requests and failures add up; p50 and p99 are the median of the slices' (autocannon gives no histograms). */
function combine(parts: Measured[], sliceSeconds: number): Measured {
  const total = parts.reduce((sum, p) => sum + p.total, 0);
  return {
    name: parts[0]!.name,
    requestsPerSecond: total / (sliceSeconds * parts.length),
    p50Ms: median(parts.map((p) => p.p50Ms)),
    p99Ms: median(parts.map((p) => p.p99Ms)),
    total,
    failed: parts.reduce((sum, p) => sum + p.failed, 0),
    cpuSeconds: parts.every((p) => p.cpuSeconds !== undefined) ? parts.reduce((sum, p) => sum + p.cpuSeconds!, 0) : undefined,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
