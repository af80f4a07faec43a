/** The gateway's resident set and used heap, from its own /metrics (prom-client's default process metrics). */
export async function gatewayMemory(gatewayUrl: string): Promise<string> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  return `RSS ${mb(value('paygraph_process_resident_memory_bytes'))}, heap used ${mb(value('paygraph_nodejs_heap_size_used_bytes'))}`;
}

/**
 * Reads the gateway's memory every `everySeconds` while `work` runs (BENCH_MEMORY_EVERY), so a long run shows
 * whether RSS and heap level off or keep growing with the requests served. No readings when 0.
 */
export async function sampleMemory<T>(gatewayUrl: string, everySeconds: number, work: () => Promise<T>): Promise<{ result: T; readings: string[] }> {
  const readings: string[] = [];
  if (everySeconds <= 0) return { result: await work(), readings };
  const started = Date.now();
  const timer = setInterval(() => {
    const at = Math.round((Date.now() - started) / 1000);
    void gatewayMemory(gatewayUrl).then(
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
