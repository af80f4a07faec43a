import { Client } from 'pg';
import { TestApp, type TestSite } from '../support/app';

const CREATE = 'mutation ($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } } }';
const UPDATE = 'mutation ($input: UpdateCustomerInput!) { updateCustomer(input: $input) { customer { email } } }';

/** Log lines at error level or above, and any line about a destroyed database driver. */
const errorLines = (logs: string[]) => logs.filter((line) => /destroyed/i.test(line) || (JSON.parse(line) as { level: number }).level >= 50);

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const settledWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('closing the gateway while a request is still running', () => {
  let t: TestApp;
  let m: TestSite;
  let locker: Client;
  beforeAll(async () => {
    ({ t, m } = await TestApp.withMerchant());
    locker = new Client({ connectionString: t.running.deps.config.database.url });
    await locker.connect();
  });
  afterAll(async () => {
    await locker?.end();
    await t?.close();
  });

  it('waits for a mutation whose client hung up to commit before closing the database, and logs no error', async () => {
    const id = (await t.gql(CREATE, { input: { email: 'before@example.com' } }, { key: m.key })).data?.createCustomer.customer.id;
    const dbId = Buffer.from(id, 'base64url').toString().split(':')[1];
    // Another session holds the row, so the update is provably still running when its client goes away.
    await locker.query('begin');
    await locker.query('select 1 from customer where id = $1 for update', [dbId]);

    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const hangUp = new AbortController();
    const update = fetch(`${address}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${m.key}` },
      body: JSON.stringify({ query: UPDATE, variables: { input: { id, email: 'after@example.com' } } }),
      signal: hangUp.signal,
    });
    const waitingOnLock = "select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()";
    await until(async () => (await locker.query<{ n: number }>(waitingOnLock)).rows[0].n === 1, 10_000);
    hangUp.abort();
    await expect(update).rejects.toThrow();

    const stopping = t.stop();
    expect(await settledWithin(stopping, 500)).toBe(false);
    await locker.query('commit');
    await stopping;

    const row = await locker.query<{ email: string }>('select email from customer where id = $1', [dbId]);
    expect(row.rows[0].email).toBe('after@example.com');
    expect(errorLines(t.logs)).toEqual([]);
  }, 30_000);
});
