import { TransactionEvent } from '../../src/domain/transactions/transaction-event.entity';
import { TransactionStatus } from '../../src/domain/transactions/transaction-status';
import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { toGlobalId } from '../../src/graphql/common/global-id';
import { TestApp, type TestSite } from '../support/app';
import { seedOrders, type SeededOrder } from '../support/read-seed';

interface OrdersPage {
  orders: { edges: { cursor: string; node: { reference: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const PAGE = `query($first: Int!, $after: String, $reference: String) {
  orders(first: $first, after: $after, reference: $reference) { edges { cursor node { reference } } pageInfo { hasNextPage endCursor } }
}`;

describe('connections', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t?.close());

  async function page(site: TestSite, first: number, after?: string | null) {
    const res = await t.gql<OrdersPage>(PAGE, { first, after }, { key: site.key });
    expect(res.errors).toBeUndefined();
    return res.data!.orders;
  }

  async function walk(site: TestSite, first: number): Promise<string[]> {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const p = await page(site, first, after);
      seen.push(...p.edges.map((e) => e.node.reference));
      if (!p.pageInfo.hasNextPage) return seen;
      expect(p.pageInfo.endCursor).toBe(p.edges[p.edges.length - 1].cursor);
      after = p.pageInfo.endCursor;
    }
    throw new Error('pagination did not end');
  }

  it('walks every order exactly once, newest first, across pages', async () => {
    const m = await t.merchant();
    const seeded = await seedOrders(t.em(), m.site.id, 23);
    const expected = seeded.map((s) => s.order.reference).reverse();
    expect(await walk(m, 7)).toEqual(expected);
    expect(await walk(m, 23)).toEqual(expected);
    expect(await walk(m, 100)).toEqual(expected);
  });

  it('has no duplicates or gaps when many orders share the same creation instant', async () => {
    const m = await t.merchant();
    const same = new Date('2026-03-01T12:00:00.000Z');
    const seeded = await seedOrders(t.em(), m.site.id, 12, { createdAt: () => same });
    const walked = await walk(m, 5);
    expect(walked).toHaveLength(12);
    expect(new Set(walked)).toEqual(new Set(seeded.map((s) => s.order.reference)));
  });

  it('continues where it left off when new orders arrive between pages', async () => {
    const m = await t.merchant();
    const seeded = await seedOrders(t.em(), m.site.id, 10);
    const first = await page(m, 4);
    await seedOrders(t.em(), m.site.id, 3, { createdAt: (i) => new Date(Date.UTC(2027, 0, 1) + i) });
    const second = await page(m, 4, first.pageInfo.endCursor);
    const old = seeded.map((s) => s.order.reference).reverse();
    expect(first.edges.map((e) => e.node.reference)).toEqual(old.slice(0, 4));
    expect(second.edges.map((e) => e.node.reference)).toEqual(old.slice(4, 8));
  });

  it('answers first: 0 with no nodes and tells whether there are any', async () => {
    const m = await t.merchant();
    expect((await page(m, 0)).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
    await seedOrders(t.em(), m.site.id, 1);
    const p = await page(m, 0);
    expect(p.edges).toEqual([]);
    expect(p.pageInfo).toEqual({ hasNextPage: true, endCursor: null });
  });

  it.each([
    ['not base64 at all', '!!!'],
    ['base64 of text', Buffer.from('hello').toString('base64url')],
    ['a cursor with a bad date', Buffer.from(JSON.stringify(['yesterday', '00000000-0000-4000-8000-000000000000'])).toString('base64url')],
    ['a cursor with a bad id', Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', "1' or 1=1"])).toString('base64url')],
    ['a global id', toGlobalId('Order', '00000000-0000-4000-8000-000000000000')],
  ])('refuses %s as a cursor with INVALID_CURSOR, never a 500', async (_name, cursor) => {
    const m = await t.merchant();
    const res = await t.gql(PAGE, { first: 5, after: cursor }, { key: m.key });
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0].extensions?.code).toBe('INVALID_CURSOR');
    expect(res.data?.orders ?? null).toBeNull();
  });

  it.each([[101], [-1], [1_000_000]])('refuses first: %d with a clear error, never a 500', async (first) => {
    const m = await t.merchant();
    const res = await t.gql(PAGE, { first }, { key: m.key });
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0].extensions?.code).toBe('INVALID_INPUT');
    expect(res.errors?.[0].message).toMatch(/first/);
    expect(res.errors?.[0].extensions?.field).toEqual(['first']);
  });

  describe('nested connections', () => {
    let m: TestSite;
    let seeded: SeededOrder[];
    const NESTED = `query($first: Int!, $after: String) {
      orders(first: 3) { nodes { reference transactions(first: $first, after: $after) { nodes { reference } pageInfo { hasNextPage endCursor } } } }
    }`;

    beforeAll(async () => {
      m = await t.merchant();
      seeded = await seedOrders(t.em(), m.site.id, 3);
    });

    async function nested(first: number, after?: string | null) {
      const res = await t.gql(NESTED, { first, after }, { key: m.key });
      expect(res.errors).toBeUndefined();
      return res.data!.orders.nodes as { reference: string; transactions: { nodes: { reference: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }[];
    }

    it('pages each parent\'s children separately, newest first', async () => {
      const orders = await nested(1);
      expect(orders.map((o) => o.reference)).toEqual(seeded.map((s) => s.order.reference).reverse());
      for (const o of orders) {
        const own = seeded.find((s) => s.order.reference === o.reference)!;
        expect(o.transactions.nodes.map((n) => n.reference)).toEqual([own.transactions[1].reference]);
        expect(o.transactions.pageInfo.hasNextPage).toBe(true);
      }
    });

    it('follows a nested endCursor to the next child page of that parent', async () => {
      const [newest] = await nested(1);
      const res = await t.gql(
        'query($id: ID!, $after: String) { order(id: $id) { transactions(first: 1, after: $after) { nodes { reference } pageInfo { hasNextPage } } } }',
        { id: toGlobalId('Order', seeded[2].order.id), after: newest.transactions.pageInfo.endCursor },
        { key: m.key },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.order.transactions).toEqual({ nodes: [{ reference: seeded[2].transactions[0].reference }], pageInfo: { hasNextPage: false } });
    });

    it('applies a nested after as a position to every parent in the list', async () => {
      // Every child created before the cursor's (createdAt, id) position, in each parent.
      const [newest] = await nested(1);
      const orders = await nested(5, newest.transactions.pageInfo.endCursor);
      const byRef = new Map(orders.map((o) => [o.reference, o.transactions.nodes.map((n) => n.reference)]));
      expect(byRef.get(seeded[2].order.reference)).toEqual([seeded[2].transactions[0].reference]);
      expect(byRef.get(seeded[1].order.reference)).toEqual([seeded[1].transactions[1].reference, seeded[1].transactions[0].reference]);
      expect(byRef.get(seeded[0].order.reference)).toEqual([seeded[0].transactions[1].reference, seeded[0].transactions[0].reference]);
    });

    it('pages a transaction history oldest first', async () => {
      const em = t.em();
      const tx = em.getReference(Transaction, seeded[0].transactions[1].id);
      const at = (s: number) => new Date(seeded[0].transactions[1].createdAt.getTime() + s * 1000);
      em.create(TransactionEvent, { transaction: tx, type: 'captured', amountMinor: 1000n, createdAt: at(1) });
      em.create(TransactionEvent, { transaction: tx, type: 'refunded', amountMinor: 250n, fromStatus: TransactionStatus.SUCCEEDED, toStatus: TransactionStatus.SUCCEEDED, createdAt: at(2) });
      await em.flush();
      const q = `query($id: ID!, $after: String) { transaction(id: $id) { events(first: 2, after: $after) {
        nodes { type amount { amount } } pageInfo { hasNextPage endCursor } } } }`;
      const id = toGlobalId('Transaction', tx.id);
      const first = await t.gql(q, { id }, { key: m.key });
      expect(first.data!.transaction.events.nodes).toEqual([
        { type: 'status_changed', amount: null },
        { type: 'captured', amount: { amount: '10.00' } },
      ]);
      expect(first.data!.transaction.events.pageInfo.hasNextPage).toBe(true);
      const second = await t.gql(q, { id, after: first.data!.transaction.events.pageInfo.endCursor }, { key: m.key });
      expect(second.data!.transaction.events).toEqual({ nodes: [{ type: 'refunded', amount: { amount: '2.50' } }], pageInfo: { hasNextPage: false, endCursor: expect.any(String) } });
    });

    it('refuses a bad nested cursor and an oversized nested page', async () => {
      const bad = await t.gql(NESTED, { first: 1, after: 'nope' }, { key: m.key });
      expect(bad.status).toBeLessThan(500);
      expect(bad.errors?.[0].extensions?.code).toBe('INVALID_CURSOR');
      const big = await t.gql(NESTED, { first: 101 }, { key: m.key });
      expect(big.status).toBeLessThan(500);
      expect(big.errors?.[0].extensions?.code).toBe('INVALID_INPUT');
    });
  });
});
