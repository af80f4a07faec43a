import type { Child } from './processes';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function readMemory(gatewayUrl: string): Promise<{ rss: number; heapUsed: number }> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  return { rss: value('paygraph_process_resident_memory_bytes'), heapUsed: value('paygraph_nodejs_heap_size_used_bytes') };
}

/**
 * The gateway's resident set and used heap, from its own /metrics (prom-client's default process metrics). In a
 * memory run (`collect`: the gateway was started with collect-on-signal.ts) it also reads the used heap again
 * right after a full collection: what is still reachable, the figure that grows if requests leak.
 */
export async function gatewayMemory(gatewayUrl: string, collect?: Child): Promise<string> {
  const { rss, heapUsed } = await readMemory(gatewayUrl);
  const reading = `RSS ${mb(rss)}, heap used ${mb(heapUsed)}`;
  if (!collect) return reading;
  collect.signal('SIGUSR2');
  // The signal is handled on the gateway's event loop; a full collection of a few hundred MB takes well under this.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return `${reading}, after a full collection ${mb((await readMemory(gatewayUrl)).heapUsed)}`;
}

/**
 * Reads the gateway's memory every `everySeconds` while `work` runs (BENCH_MEMORY_EVERY), so a long run shows
 * whether RSS and heap level off or keep growing with the requests served. No readings when 0.
 */
export async function sampleMemory<T>(gatewayUrl: string, everySeconds: number, work: () => Promise<T>, collect?: Child): Promise<{ result: T; readings: string[] }> {
  const readings: string[] = [];
  if (everySeconds <= 0) return { result: await work(), readings };
  const started = Date.now();
  const timer = setInterval(() => {
    const at = Math.round((Date.now() - started) / 1000);
    void gatewayMemory(gatewayUrl, collect).then(
      (m) => readings.push(`  ${String(at).padStart(4)} s: ${m}`),
      () => readings.push(`  ${String(at).padStart(4)} s: no answer`),
    );
  }, everySeconds * 1000);
  try {
    return { result: await work(), readings };
  } finally {
    clearInterval(timer);
  }
}
