/**
 * Preloaded into the gateway (`--expose-gc --require`) only by a memory run of the benchmark (BENCH_MEMORY_EVERY):
 * SIGUSR2 makes it collect its whole heap, so the next reading of used heap shows what is still reachable, not
 * what the collector has not got round to yet. The gateway itself never handles SIGUSR2.
 */
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
});
