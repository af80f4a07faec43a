import type { Load, Measured } from './cases';
import { measureWrites, label, type WriteKind, type WriteTarget } from './write-cases';
import { checkWrites } from './write-check';
import { baselineTarget, gatewayTarget } from './write-targets';
import { SLICES } from './options';
import { measureInTurns } from './slices';
import { cpuSeconds, withCpu } from './cpu';

export interface WriteSetup {
  databaseUrl: string;
  sandboxUrl: string;
  /** One URL per gateway instance (BENCH_INSTANCES); the load is split evenly between them. */
  gateway: { urls: string[]; apiKey: string; siteId: string };
  baseline: { url: string; apiKey: string; siteId: string };
}

export const WRITE_KINDS: WriteKind[] = ['pay', 'capture', 'refund'];

/**
 * One write case, gateway then baseline in the same run, each followed by the money check (the bench fails if
 * any payment was charged other than once or recorded other than once). `overallRate`: a fixed offered rate.
 */
export async function runWriteCase(setup: WriteSetup, kind: WriteKind, load: Load, overallRate?: number): Promise<{ rows: Measured[]; pair: [string, string] }> {
  const rows: Measured[] = [];
  const instances = setup.gateway.urls.length;
  const gatewayName = instances > 1 ? `gateway x${instances}` : 'gateway';
  const sides: WriteTarget[][] = [
    setup.gateway.urls.map((url) => gatewayTarget(url, setup.gateway.apiKey, gatewayName)),
    [baselineTarget(setup.baseline.url, setup.baseline.apiKey)],
  ];
  if (SLICES > 1) {
    process.stderr.write(`measuring ${label(kind)}${overallRate ? ` at ${overallRate}/s` : ''}, gateway and baseline in ${SLICES} turns\n`);
    const gatewayCpu = async () => (await Promise.all(setup.gateway.urls.map((url) => cpuSeconds(url, 'gateway')))).reduce((a, b) => a + b, 0);
    const sliced = [withCpu(gatewayCpu, (l) => measureSplit(sides[0]!, kind, l, overallRate)), withCpu(() => cpuSeconds(setup.baseline.url, 'baseline'), (l) => measureSplit(sides[1]!, kind, l, overallRate))] as const;
    rows.push(...(await measureInTurns([sliced[0], sliced[1]], load, SLICES)));
    const violations = await checkWrites(setup.databaseUrl, setup.sandboxUrl, [setup.gateway.siteId, setup.baseline.siteId]);
    if (violations.length) throw new Error(`money check failed after ${label(kind)}:\n${violations.slice(0, 20).join('\n')}`);
    return { rows, pair: [rows[0]!.name, rows[1]!.name] };
  }
  for (const targets of sides) {
    process.stderr.write(`measuring ${targets[0]!.name} ${label(kind)}${overallRate ? ` at ${overallRate}/s` : ''} (${load.warmupSeconds} s warm-up + ${load.durationSeconds} s)\n`);
    rows.push(await measureSplit(targets, kind, load, overallRate));
    const violations = await checkWrites(setup.databaseUrl, setup.sandboxUrl, [setup.gateway.siteId, setup.baseline.siteId]);
    if (violations.length) throw new Error(`money check failed after ${targets[0]!.name} ${label(kind)}:\n${violations.slice(0, 20).join('\n')}`);
  }
  return { rows, pair: [rows[0]!.name, rows[1]!.name] };
}

/**
 * The same load spread over several instances at once: connections and offered rate divided between them,
 * requests summed. autocannon reports percentiles, not histograms, so p50/p99 are the worst instance's.
 */
async function measureSplit(targets: WriteTarget[], kind: WriteKind, load: Load, overallRate?: number): Promise<Measured> {
  if (targets.length === 1) return measureWrites(targets[0]!, kind, load, overallRate);
  const share = { ...load, connections: Math.max(1, Math.round(load.connections / targets.length)) };
  const rate = overallRate ? Math.max(1, Math.round(overallRate / targets.length)) : undefined;
  const parts = await Promise.all(targets.map((t) => measureWrites(t, kind, share, rate)));
  return {
    name: parts[0]!.name.replace(/@\d+\/s$/, `@${overallRate}/s`),
    requestsPerSecond: parts.reduce((sum, p) => sum + p.requestsPerSecond, 0),
    p50Ms: Math.max(...parts.map((p) => p.p50Ms)),
    p99Ms: Math.max(...parts.map((p) => p.p99Ms)),
    total: parts.reduce((sum, p) => sum + p.total, 0),
    failed: parts.reduce((sum, p) => sum + p.failed, 0),
  };
}
