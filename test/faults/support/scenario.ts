import { checkInvariants, openRows, snapshotSandbox, type Scope } from './invariants';
import { sleep } from './client';

/** One line per scenario, kept for the note: faults injected, violations found, how long recovery took. */
export interface ScenarioSummary {
  name: string;
  faults: number;
  violations: string[];
  recoveredMs: number;
}

/**
 * A scenario's bookkeeping: the scope its check covers (one merchant site, sandbox records made since it
 * began), the faults it injected, and the check itself once recovery has run.
 */
export class Scenario {
  faults = 0;
  private readonly started = Date.now();
  private readonly seen: string[] = [];

  private constructor(
    readonly name: string,
    readonly scope: Scope,
  ) {}

  static async begin(name: string, scope: Omit<Scope, 'before'>): Promise<Scenario> {
    return new Scenario(name, { ...scope, before: await snapshotSandbox(scope.sandboxUrl) });
  }

  /** Counts faults as they are injected (a kill, a lost answer, a 503, a forged post …). */
  inject(count = 1): void {
    this.faults += count;
  }

  /** A violation the scenario saw itself (an answer a client must never get), reported with the invariants. */
  violate(what: string): void {
    this.seen.push(what);
  }

  /**
   * Waits (at most timeoutMs: a bound for a slow machine, not a speed target) until no money row of the site is
   * open any more, then a little longer so late appliers (a retried job, a callback) would show, then checks
   * every invariant and prints the summary.
   * Keys left IN_PROGRESS are not waited for: the check reports them.
   */
  async finish(timeoutMs = 30_000, settleMs = 1_000): Promise<ScenarioSummary> {
    const deadline = Date.now() + timeoutMs;
    const moneyOpen = async () => (await openRows(this.scope)).filter((row) => !row.startsWith('idempotency key')).length > 0;
    while ((await moneyOpen()) && Date.now() < deadline) await sleep(250);
    const recoveredMs = Date.now() - this.started;
    await sleep(settleMs);
    const violations = [...new Set([...this.seen, ...(await checkInvariants(this.scope))])];
    const summary = { name: this.name, faults: this.faults, violations, recoveredMs };
    report(summary);
    return summary;
  }
}

export function report(s: ScenarioSummary): void {
  const detail = s.violations.length ? ` — ${s.violations.join('; ')}` : '';
  process.stderr.write(`[faults] ${s.name}: faults injected ${s.faults}, violations ${s.violations.length}, settled after ${s.recoveredMs} ms${detail}\n`);
}
