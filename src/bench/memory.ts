/** The gateway's resident set and used heap, from its own /metrics (prom-client's default process metrics). */
export async function gatewayMemory(gatewayUrl: string): Promise<string> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? NaN);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  return `RSS ${mb(value('paygraph_process_resident_memory_bytes'))}, heap used ${mb(value('paygraph_nodejs_heap_size_used_bytes'))}`;
}
