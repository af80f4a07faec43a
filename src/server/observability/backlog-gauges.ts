import { Gauge, type Registry } from 'prom-client';
import type { Orm } from '../../db/orm';
import { KINDS } from '../../domain/engine/kinds';

/**
 * The reconciler's work, read from the database at scrape time so every instance reports the same truth: one
 * row per registered movement kind, labelled with its table.
 */
const BACKLOG = KINDS.map(
  (kind) => `select '${kind.table}' as kind, count(*)::int as n, extract(epoch from now() - min(updated_at))::float as oldest
    from "${kind.table}" where status = 'OUTCOME_UNKNOWN'`,
).join('\nunion all\n');

interface BacklogRow {
  kind: string;
  n: number;
  oldest: number | null;
}

export function registerBacklogGauges(registry: Registry, orm: Orm): void {
  const read = () => orm.em.getConnection().execute<BacklogRow[]>(BACKLOG);
  new Gauge({
    name: 'paygraph_reconciler_backlog',
    help: 'Rows whose provider outcome is unknown and waits for the reconciler, by kind',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      for (const row of await read()) this.set({ kind: row.kind }, row.n);
    },
  });
  new Gauge({
    name: 'paygraph_reconciler_oldest_unknown_seconds',
    help: 'Age of the oldest unknown outcome, by kind (0 when there is none)',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      for (const row of await read()) this.set({ kind: row.kind }, row.oldest ?? 0);
    },
  });
  registerPoolGauges(registry, orm);
}

function registerPoolGauges(registry: Registry, orm: Orm): void {
  new Gauge({
    name: 'paygraph_db_pool_connections',
    help: 'PostgreSQL pool connections: total, idle, and requests waiting for one',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const pool = (await orm.em.getConnection().getNativeClient()) as { totalCount: number; idleCount: number; waitingCount: number };
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
}
