import { TestApp, type TestSite } from '../support/app';
import { seedOrders } from '../support/read-seed';
import { SqlCounter } from '../support/sql-counter';

/**
 * Page sizes as a client would pick them to stay within the cost limit (16,401 here; with every page at its
 * default of 20 this query could return 100 × 20 × 20 events and costs 90,401). The seed has fewer rows than each.
 */
const QUERY = `{
  orders(first: 100) {
    nodes {
      id
      customer { id paymentMethods { nodes { id last4 } } }
      transactions(first: 10) { nodes { id status paymentMethod { id } events(first: 5) { nodes { toStatus } } refunds(first: 5) { nodes { id } } } }
    }
  }
}`;

interface OrdersResult {
  orders: {
    nodes: {
      customer: { paymentMethods: { nodes: unknown[] } };
      transactions: { nodes: { paymentMethod: { id: string } | null; events: { nodes: unknown[] } }[] };
    }[];
  };
}

/**
 * The statements of the read itself. Authentication's are not: the key is looked up only when the verified-key
 * cache (5 s) has none, and its last-used stamp is written once a minute, so on a slow run they come and go.
 */
const reads = (statements: string[]) => statements.filter((s) => !/\bapi_key\b/.test(s));

describe('DataLoader batching', () => {
  let t: TestApp;
  let small: TestSite;
  let large: TestSite;
  let sql: SqlCounter;
  beforeAll(async () => {
    t = await TestApp.start();
    small = await t.merchant(undefined, 'Ten orders');
    large = await t.merchant(undefined, 'Hundred orders');
    await seedOrders(t.em(), small.site.id, 10);
    await seedOrders(t.em(), large.site.id, 100);
    sql = new SqlCounter(t.running.orm);
  });
  afterAll(() => t?.close());

  async function run(site: TestSite) {
    let result!: Awaited<ReturnType<TestApp['gql']>>;
    const statements = await sql.statementsDuring(async () => {
      result = await t.gql<OrdersResult>(QUERY, undefined, { key: site.key });
    });
    expect(result.errors).toBeUndefined();
    return { data: result.data as OrdersResult, statements };
  }

  it('loads 100 orders with customers, their methods, transactions, events and refunds in as many statements as 10 orders', async () => {
    const ten = await run(small);
    const hundred = await run(large);

    expect(ten.data.orders.nodes).toHaveLength(10);
    expect(hundred.data.orders.nodes).toHaveLength(100);
    for (const order of hundred.data.orders.nodes) {
      expect(order.customer.paymentMethods.nodes).toHaveLength(2);
      expect(order.transactions.nodes).toHaveLength(2);
      for (const tx of order.transactions.nodes) {
        expect(tx.paymentMethod).not.toBeNull();
        expect(tx.events.nodes).toHaveLength(1);
      }
    }

    expect(ten.statements.length).toBeGreaterThan(0);
    expect(reads(hundred.statements).length).toBe(reads(ten.statements).length);
    expect(hundred.statements.length).toBeLessThanOrEqual(12);
    process.stdout.write(`dataloader-batching: ${hundred.statements.length} SQL statements for 100 orders\n${hundred.statements.map((s) => `  ${s.slice(0, 160)}`).join('\n')}\n`);
  });

  it('counts every statement: a cold query for one more relation adds exactly one', async () => {
    const base = await run(large);
    const extended = await sql.statementsDuring(() =>
      t.gql('{ orders(first: 100) { nodes { id customer { id paymentMethods { nodes { id } } } transactions(first: 10) { nodes { id status paymentMethod { id } events(first: 5) { nodes { toStatus } } refunds(first: 5) { nodes { id } } order { id } } } } } }', undefined, { key: large.key }),
    );
    expect(reads(extended).length).toBe(reads(base.statements).length + 1);
  });
});
