import { TestApp, type TestSite } from '../support/app';
import { seedOrders } from '../support/read-seed';
import { SqlCounter } from '../support/sql-counter';

const QUERY = `{
  orders(first: 100) {
    nodes {
      id
      customer { id paymentMethods { nodes { id last4 } } }
      transactions { nodes { id status paymentMethod { id } events { nodes { toStatus } } refunds { nodes { id } } } }
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

describe('DataLoader batching', () => {
  let t: TestApp;
  let small: TestSite;
  let large: TestSite;
  let sql: SqlCounter;
  beforeAll(async () => {
    // The cost limit is another concern (test/integration for protection); this test is about SQL statements only.
    t = await TestApp.start({ GRAPHQL_MAX_COST: '100000' });
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
    expect(hundred.statements.length).toBe(ten.statements.length);
    expect(hundred.statements.length).toBeLessThanOrEqual(12);
    process.stdout.write(`dataloader-batching: ${hundred.statements.length} SQL statements for 100 orders\n${hundred.statements.map((s) => `  ${s.slice(0, 160)}`).join('\n')}\n`);
  });

  it('counts every statement: a cold query for one more relation adds exactly one', async () => {
    const base = await run(large);
    const extended = await sql.statementsDuring(() =>
      t.gql('{ orders(first: 100) { nodes { id customer { id paymentMethods { nodes { id } } } transactions { nodes { id status paymentMethod { id } events { nodes { toStatus } } refunds { nodes { id } } order { id } } } } } }', undefined, { key: large.key }),
    );
    expect(extended.length).toBe(base.statements.length + 1);
  });
});
