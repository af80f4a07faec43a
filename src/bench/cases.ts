import autocannon from 'autocannon';

export interface Case {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface Measured {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  failed: number;
  /** CPU seconds the server process spent during the measured seconds (src/bench/cpu.ts), when known. */
  cpuSeconds?: number;
}

export interface Load {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/** A warm-up run (discarded: JIT, pools, caches), then the measured run. Any non-2xx or error counts as failed. */
export async function measure(c: Case, load: Load): Promise<Measured> {
  const options = { url: c.url, method: c.method, headers: c.headers, body: c.body, connections: load.connections };
  if (load.warmupSeconds > 0) await autocannon({ ...options, duration: load.warmupSeconds });
  const result = await autocannon({ ...options, duration: load.durationSeconds });
  return {
    name: c.name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

export function formatTable(rows: Measured[], pairs: [string, string][]): string {
  const lines = ['case                          req/s     p50 ms   p99 ms   requests  failed  CPU ms/req'];
  for (const r of rows) {
    lines.push(
      `${r.name.padEnd(28)} ${r.requestsPerSecond.toFixed(0).padStart(7)}  ${r.p50Ms.toFixed(1).padStart(8)} ${r.p99Ms.toFixed(1).padStart(8)} ${String(r.total).padStart(10)} ${String(r.failed).padStart(7)}  ${cpuPerRequest(r)?.toFixed(2).padStart(10) ?? '       n/a'}`,
    );
  }
  lines.push('', 'gateway / baseline            req/s     p50      p99   p50 added ms   baseline CPU/req ÷ gateway CPU/req');
  for (const [gateway, baseline] of pairs) {
    const g = rows.find((r) => r.name === gateway)!;
    const b = rows.find((r) => r.name === baseline)!;
    lines.push(
      `${gateway.padEnd(28)} ${ratio(g.requestsPerSecond, b.requestsPerSecond).padStart(7)}  ${ratio(g.p50Ms, b.p50Ms).padStart(7)}  ${ratio(g.p99Ms, b.p99Ms).padStart(7)}  ${(g.p50Ms - b.p50Ms).toFixed(1).padStart(12)}   ${ratio(cpuPerRequest(b) ?? 0, cpuPerRequest(g) ?? 0).padStart(7)}`,
    );
  }
  return lines.join('\n');
}

function cpuPerRequest(r: Measured): number | undefined {
  return r.cpuSeconds === undefined || r.total === 0 ? undefined : (r.cpuSeconds * 1000) / r.total;
}

function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a';
}
