import { serverAudits, type AuditResult } from 'graphql-http';
import { TestApp } from '../support/app';

/** The audit's requirement level is the first word of its name: MUST, SHOULD or MAY. */
function level(result: AuditResult): string {
  return result.name.split(' ')[0];
}

function counts(results: AuditResult[]): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = {};
  for (const r of results) {
    table[level(r)] ??= {};
    table[level(r)][r.status] = (table[level(r)][r.status] ?? 0) + 1;
  }
  return table;
}

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  let t: TestApp;
  let url: string;
  let key: string;
  beforeAll(async () => {
    t = await TestApp.start();
    key = (await t.merchant()).key;
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    url = `${address}/graphql`;
  });
  afterAll(() => t?.close());

  const run = async (headers: Record<string, string>) => {
    const fetchFn = (input: string, init: RequestInit = {}) =>
      fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${key}`, ...headers } });
    const results: AuditResult[] = [];
    for (const audit of serverAudits({ url, fetchFn })) results.push(await audit.fn());
    return results;
  };

  const failures = (results: AuditResult[]) => results.filter((r) => r.status !== 'ok').map((r) => `${r.id} ${r.name}: ${r.reason}`);

  it('passes every MUST and every SHOULD for a client that sends only its API key', async () => {
    const results = await run({});
    process.stdout.write(`graphql-http audit, API key only: ${JSON.stringify(counts(results))}\n`);
    expect(failures(results.filter((r) => level(r) !== 'MAY'))).toEqual([]);
    expect(results.filter((r) => level(r) === 'MUST').length).toBeGreaterThan(10);
    expect(results.filter((r) => level(r) === 'SHOULD').length).toBeGreaterThan(10);
  });

  it('passes every audit, MAYs included, for a client that also sends the CSRF preflight header', async () => {
    const results = await run({ 'apollo-require-preflight': 'true' });
    process.stdout.write(`graphql-http audit, with apollo-require-preflight: ${JSON.stringify(counts(results))}\n`);
    expect(failures(results)).toEqual([]);
  });
});
