import { AsyncLocalStorage } from 'node:async_hooks';
import type { Orm } from '../../src/db/orm';

/**
 * Records the SQL statements the app sends to PostgreSQL, through MikroORM's public `onQuery` option: the
 * connection passes every statement through it just before executing it (em.find, query builders, raw
 * execute alike). The hook returns the SQL unchanged, so nothing in the query path is replaced.
 *
 * Only statements sent on behalf of `work` count: the recording travels with work's async context, so a
 * background sweep (reconciler, webhook outbox, scheduled payments) that happens to run at the same moment is
 * left out instead of making the counts differ from run to run.
 */
export class SqlCounter {
  private readonly recording = new AsyncLocalStorage<string[]>();

  constructor(orm: Orm) {
    const previous = orm.config.get('onQuery');
    orm.config.set('onQuery', (sql: string, params: readonly unknown[]) => {
      this.recording.getStore()?.push(sql);
      return previous(sql, params);
    });
  }

  /** The statements (SQL text, parameters as placeholders) executed by `work` and what it started. */
  async statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
    const statements: string[] = [];
    await this.recording.run(statements, work);
    return statements;
  }
}
