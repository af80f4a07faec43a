import { Client } from 'pg';

/**
 * `BENCH_EXPLAIN=1`: PostgreSQL's own plans of the statements each server actually sends, through the
 * auto_explain module (it ships with the embedded PostgreSQL). Turned on for the role before the servers
 * connect, so it covers their pools; the plans come out in the server log, which this collects.
 */
export async function enableAutoExplain(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const [name, value] of [
      ['session_preload_libraries', 'auto_explain'],
      ['auto_explain.log_min_duration', '0'],
      ['auto_explain.log_analyze', 'on'],
      ['auto_explain.log_buffers', 'on'],
      ['auto_explain.log_timing', 'off'],
    ]) {
      await client.query(`alter role current_user set ${name} = '${value}'`);
    }
  } finally {
    await client.end();
  }
}

/** The server log's messages since the last `take()`, one string per message (a plan spans several lines). */
export class PlanLog {
  private text = '';

  readonly line = (chunk: string): void => {
    this.text += `${chunk}\n`;
  };

  /** The plans logged since the last call, without the job queue's and the listener's own statements. */
  take(): string[] {
    const messages = this.text.split(/\n(?=\S+ \S+ \S+ \[\d+\] )/).filter((m) => m.includes('Query Text:'));
    this.text = '';
    return messages.filter((m) => !/pgboss|pg_notify|listen /i.test(m)).map(tidy);
  }
}

/** Just the statement and its plan: the timestamp and the duration line say nothing about the shape. */
function tidy(message: string): string {
  const start = message.indexOf('Query Text:');
  return message.slice(start).replace(/\s+$/, '');
}

export async function settle(ms = 500): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}
