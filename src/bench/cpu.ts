import type { Load, Measured } from './cases';

/** CPU seconds used so far by the gateway (prom-client's process counter on /metrics) or the baseline (/__cpu). */
export async function cpuSeconds(url: string, kind: 'gateway' | 'baseline'): Promise<number> {
  if (kind === 'baseline') return ((await (await fetch(`${url}/__cpu`)).json()) as { seconds: number }).seconds;
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^paygraph_process_cpu_seconds_total (\S+)/m.exec(text)?.[1] ?? NaN);
}

/**
 * The measurement with the server's CPU seconds over it (warm-up included: autocannon's warm-up and measured
 * runs are one call here, so the warm-up is subtracted by measuring it apart when there is one).
 */
export function withCpu(read: () => Promise<number>, run: (load: Load) => Promise<Measured>): (load: Load) => Promise<Measured> {
  return async (load) => {
    if (load.warmupSeconds > 0) await run({ ...load, durationSeconds: load.warmupSeconds, warmupSeconds: 0 });
    const before = await read();
    const measured = await run({ ...load, warmupSeconds: 0 });
    return { ...measured, cpuSeconds: (await read()) - before };
  };
}
