import type { Orm } from '../../src/db/orm';

/**
 * Records the SQL statements the app sends to PostgreSQL, through MikroORM's public `onQuery` option: the
 * connection passes every statement through it just before executing it (em.find, query builders, raw
 * execute alike). The hook returns the SQL unchanged, so nothing in the query path is replaced.
 */
export class SqlCounter {
  private recording?: string[];

  constructor(orm: Orm) {
    const previous = orm.config.get('onQuery');
    orm.config.set('onQuery', (sql: string, params: readonly unknown[]) => {
      this.recording?.push(sql);
      return previous(sql, params);
    });
  }

  /** The statements (SQL text, parameters as placeholders) executed while `work` ran. */
  async statementsDuring(work: () => Promise<unknown>): Promise<string[]> {
    const statements: string[] = [];
    this.recording = statements;
    try {
      await work();
    } finally {
      this.recording = undefined;
    }
    return statements;
  }
}
