import { TestApp, type TestSite } from '../support/app';

/**
 * Issue 13: a page after a cursor deep into a big list must read about as many rows as it returns. The keyset
 * condition `created_at < c or (created_at = c and id < i)` alone is no index condition for PostgreSQL, so it
 * walked the site index from the newest order and threw away every row before the cursor (10,000 rows for a
 * page in the middle of 20,000 orders, in the benchmark's plans).
 */
const ORDERS = 3_000;

interface PlanNode {
  'Node Type': string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

describe('issue 13: keyset pages read only what they return', () => {
  let t: TestApp;
  let merchant: TestSite;
  beforeAll(async () => {
    t = await TestApp.start();
    merchant = await t.merchant();
    const em = t.em();
    await em.execute(
      `insert into "order" (id, site_id, reference, amount_minor, currency, status, metadata, created_at, updated_at)
       select gen_random_uuid(), ?, 'ORD-' || g, 100, 'EUR', 'PAID', '{}', ts, ts
       from generate_series(1, ?) g, lateral (select timestamptz '2026-01-01' + g * interval '1 second' as ts) t`,
      [merchant.site.id, ORDERS],
    );
    await em.execute('analyze "order"');
  });
  afterAll(() => t?.close());

  const page = async (first: number, after?: string) => {
    const answer = await t.gql(`query($first: Int!, $after: String) { orders(first: $first, after: $after) { nodes { id } pageInfo { endCursor } } }`, { first, after }, { key: merchant.key });
    expect(answer.errors).toBeUndefined();
    return answer.data!.orders as { nodes: unknown[]; pageInfo: { endCursor: string } };
  };

  /** The orders statement `work` sends, with its parameters, through MikroORM's public onQuery hook. */
  async function orderStatementOf(work: () => Promise<unknown>): Promise<{ sql: string; params: unknown[] }> {
    const config = t.running.orm.config;
    const previous = config.get('onQuery');
    let found: { sql: string; params: unknown[] } | undefined;
    config.set('onQuery', (sql: string, params: readonly unknown[]) => {
      if (/from "order"/.test(sql)) found ??= { sql, params: [...params] };
      return previous(sql, params);
    });
    try {
      await work();
    } finally {
      config.set('onQuery', previous);
    }
    expect(found).toBeDefined();
    return found!;
  }

  it('the page after the middle of 3,000 orders is found through the index, not by skipping the 1,500 newer ones', async () => {
    let cursor: string | undefined;
    for (let seen = 0; seen < ORDERS / 2; seen += 100) cursor = (await page(100, cursor)).pageInfo.endCursor;
    const statement = await orderStatementOf(() => page(10, cursor));
    const [row] = await t.em().execute<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(`explain (analyze, format json) ${statement.sql}`, statement.params);
    const plan = nodes(row!['QUERY PLAN'][0]!.Plan);
    const scans = plan.filter((n) => /Scan/.test(n['Node Type']));
    expect(scans.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    expect(Math.max(...scans.map((n) => (n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0)))).toBeLessThanOrEqual(20);
  });
});
