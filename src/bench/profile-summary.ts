import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The parts of V8's `.cpuprofile` (what `node --cpu-prof` writes) that a summary needs. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
}

interface Share {
  name: string;
  percent: number;
}

export interface ProfileSummary {
  samples: number;
  idleSamples: number;
  byPackage: Share[];
  selfTop: Share[];
  inclusiveTop: Share[];
}

/**
 * Where the busy samples of a CPU profile went (idle ones, e.g. while the baseline is measured, are left out): self time per package (node_modules package, our own src/ folder,
 * node internals, GC, idle), the functions with the most self time, and the functions most often on the stack
 * (inclusive, each counted once per sample even when recursive).
 */
export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byPackage = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let idle = 0;
  for (const id of profile.samples) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle++;
      continue;
    }
    bump(byPackage, packageOf(frame.url, frame.functionName));
    bump(self, functionKey(frame));
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(functionKey(byId.get(at)!.callFrame));
    for (const key of seen) bump(inclusive, key);
  }
  const total = profile.samples.length - idle;
  const shares = (counts: Map<string, number>, limit: number) =>
    [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, count]) => ({ name, percent: (100 * count) / total }));
  return { samples: profile.samples.length, idleSamples: idle, byPackage: shares(byPackage, top), selfTop: shares(self, top), inclusiveTop: shares(inclusive, top + 10) };
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function functionKey(frame: { functionName: string; url: string; lineNumber: number }): string {
  if (!frame.url) return frame.functionName || '(anonymous)';
  return `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`;
}

/** `@scope/name` or `name` for a file inside a package; undefined for our own files (also a build under node_modules/.cache). */
function packageName(url: string): string | undefined {
  const match = /node_modules\/((@[^/]+\/)?[^/.][^/]*)\//.exec(url.slice(url.lastIndexOf('node_modules/')));
  return match?.[1];
}

function shortUrl(url: string): string {
  const pkg = packageName(url);
  if (pkg) return url.slice(url.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const src = url.lastIndexOf('/src/');
  return src >= 0 ? url.slice(src + 1) : url.replace(/^file:\/\//, '');
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = packageName(url);
  if (pkg) return pkg;
  if (url.startsWith('node:')) return '(node internals)';
  const src = /\/src\/([^/]+)\//.exec(url);
  return src ? `src/${src[1]}` : url;
}

/** Summaries of every `.cpuprofile` in a folder, as text. */
export async function summarizeProfiles(dir: string): Promise<string> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'));
  const parts: string[] = [];
  for (const file of files) {
    const summary = summarizeProfile(JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile);
    const list = (title: string, shares: Share[]) =>
      [title, ...shares.map((s) => `  ${s.percent.toFixed(1).padStart(5)} %  ${s.name}`)].join('\n');
    parts.push(
      [
        `${join(dir, file)}: ${summary.samples} samples, ${summary.idleSamples} idle; shares are of the busy ones`,
        list('self time by package', summary.byPackage),
        list('self time by function', summary.selfTop),
        list('on the stack (inclusive)', summary.inclusiveTop),
      ].join('\n\n'),
    );
  }
  return parts.join('\n\n');
}
