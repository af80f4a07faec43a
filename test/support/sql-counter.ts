import type { TestApp } from './app';

const ANSI = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g');

/**
 * Counts the SQL statements the app sends to PostgreSQL, from MikroORM's own query log: the connection logs
 * every statement after it ran, through the app's logger (debug level) into `t.logs`. Start the TestApp with
 * LOG_LEVEL=debug. Switching the ORM's debug mode on is all this does; nothing in the query path is replaced.
 */
export class SqlCounter {
  constructor(private readonly t: TestApp) {
    t.running.orm.config.getLogger().setDebugMode(['query']);
  }

  /** The statements (SQL text) executed while `work` ran. */
  async statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
    const start = this.t.logs.length;
    await work();
    await new Promise((resolve) => setImmediate(resolve));
    return this.t.logs.slice(start).flatMap(queryOf);
  }
}

function queryOf(line: string): string[] {
  let parsed: { orm?: unknown };
  try {
    parsed = JSON.parse(line) as { orm?: unknown };
  } catch {
    return [];
  }
  if (typeof parsed.orm !== 'string') return [];
  const text = parsed.orm.replace(ANSI, '');
  return text.startsWith('[query] ') ? [text.slice('[query] '.length)] : [];
}
