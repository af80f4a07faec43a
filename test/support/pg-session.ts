import { Client } from 'pg';

/**
 * A second PostgreSQL session beside the app's pool, to hold row locks the app needs (a slow owner, a phase
 * that cannot finish) the way a concurrent transaction would.
 */
export class PgSession {
  private constructor(private readonly client: Client) {}

  static async open(url: string): Promise<PgSession> {
    const client = new Client({ connectionString: url });
    await client.connect();
    return new PgSession(client);
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(sql, params)).rows as T[];
  }

  /** Begins a transaction and locks the rows `select … for update` returns; they stay locked until release(). */
  async lock(sql: string, params: unknown[] = []): Promise<number> {
    await this.client.query('begin');
    return (await this.client.query(sql, params)).rowCount ?? 0;
  }

  /**
   * How many sessions of this database wait for a lock. Statistics views are a snapshot for the rest of a
   * transaction, so the snapshot is dropped first (this session is usually inside the one holding the lock).
   */
  async lockWaiters(): Promise<number> {
    await this.client.query('select pg_stat_clear_snapshot()');
    const rows = await this.query<{ n: string }>(`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    return Number(rows[0].n);
  }

  async release(): Promise<void> {
    await this.client.query('rollback');
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** Polls until `check` holds, failing after timeoutMs (every wait in a fault test is bounded). */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
