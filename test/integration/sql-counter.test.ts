import { SqlCounter } from '../support/sql-counter';
import { TestApp } from '../support/app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The statement-count tests rely on this: what a background sweep sends at the same moment is not counted. */
describe('SqlCounter', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t?.close());

  it('counts the statements the work sends, and not those of work started elsewhere that runs at the same time', async () => {
    const counter = new SqlCounter(t.running.orm);
    let background = 0;
    const timer = setInterval(() => void t.em().getConnection().execute('select 1 as background').then(() => (background += 1)), 5);
    try {
      const statements = await counter.statementsDuring(async () => {
        await sleep(200);
        await t.em().getConnection().execute('select 2 as mine');
        await sleep(200);
      });
      expect(background).toBeGreaterThan(0);
      expect(statements.map((sql) => sql.trim())).toEqual(['select 2 as mine']);
    } finally {
      clearInterval(timer);
    }
  });
});
