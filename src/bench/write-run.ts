import type { Load, Measured } from './cases';
import { measureWrites, label, type WriteKind } from './write-cases';
import { checkWrites } from './write-check';
import { baselineTarget, gatewayTarget } from './write-targets';

export interface WriteSetup {
  databaseUrl: string;
  sandboxUrl: string;
  gateway: { url: string; apiKey: string; siteId: string };
  baseline: { url: string; apiKey: string; siteId: string };
}

export const WRITE_KINDS: WriteKind[] = ['pay', 'capture', 'refund'];

/**
 * One write case, gateway then baseline in the same run, each followed by the money check (the bench fails if
 * any payment was charged other than once or recorded other than once). `overallRate`: a fixed offered rate.
 */
export async function runWriteCase(setup: WriteSetup, kind: WriteKind, load: Load, overallRate?: number): Promise<{ rows: Measured[]; pair: [string, string] }> {
  const rows: Measured[] = [];
  const targets = [gatewayTarget(setup.gateway.url, setup.gateway.apiKey), baselineTarget(setup.baseline.url, setup.baseline.apiKey)];
  for (const target of targets) {
    process.stderr.write(`measuring ${target.name} ${label(kind)}${overallRate ? ` at ${overallRate}/s` : ''} (${load.warmupSeconds} s warm-up + ${load.durationSeconds} s)\n`);
    rows.push(await measureWrites(target, kind, load, overallRate));
    const violations = await checkWrites(setup.databaseUrl, setup.sandboxUrl, [setup.gateway.siteId, setup.baseline.siteId]);
    if (violations.length) throw new Error(`money check failed after ${target.name} ${label(kind)}:\n${violations.slice(0, 20).join('\n')}`);
  }
  return { rows, pair: [rows[0]!.name, rows[1]!.name] };
}
