import { randomUUID } from 'node:crypto';
import { Customer } from '../../src/domain/customers/customer.entity';
import type { CurrencyCode } from '../../src/kernel/money';
import { Order } from '../../src/domain/orders/order.entity';
import { Site } from '../../src/domain/sites/site.entity';
import { TransactionKind } from '../../src/domain/transactions/transaction-status';
import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { toGlobalId } from '../../src/graphql/common/global-id';
import { Scope, TestApp, type TestSite } from '../support/app';
import { seedExtras, seedOrders, type SeededExtras, type SeededOrder } from '../support/read-seed';

const NODE = `query($id: ID!) { node(id: $id) { __typename id
  ... on Order { reference amount { amount currency } }
  ... on Customer { email }
  ... on PaymentMethod { last4 brand }
  ... on Transaction { reference status }
  ... on TransactionEvent { toStatus }
  ... on Refund { reference amount { amount } }
  ... on Payout { reference failureCode }
  ... on ScheduledPayment { scheduledStatus: status scheduledFor }
  ... on Site { name }
} }`;

describe('node and global ids', () => {
  let t: TestApp;
  let m: TestSite;
  let s: SeededOrder;
  let x: SeededExtras;
  let eventId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    m = await t.merchant(undefined, 'Shop');
    [s] = await seedOrders(t.em(), m.site.id, 1);
    x = await seedExtras(t.em(), m.site.id, s);
    const res = await t.gql('query($id: ID!) { transaction(id: $id) { events { nodes { id } } } }', { id: toGlobalId('Transaction', s.transactions[0].id) }, { key: m.key });
    eventId = res.data!.transaction.events.nodes[0].id;
  });
  afterAll(() => t?.close());

  function cases(): [string, string, Record<string, unknown>][] {
    return [
      ['Order', toGlobalId('Order', s.order.id), { reference: s.order.reference, amount: { amount: '10.00', currency: 'EUR' } }],
      ['Customer', toGlobalId('Customer', s.customer.id), { email: s.customer.email }],
      ['PaymentMethod', toGlobalId('PaymentMethod', s.methods[0].id), { last4: '0002', brand: 'VISA' }],
      ['Transaction', toGlobalId('Transaction', s.transactions[0].id), { reference: s.transactions[0].reference, status: 'DECLINED' }],
      ['TransactionEvent', eventId, { toStatus: 'DECLINED' }],
      ['Refund', toGlobalId('Refund', x.refund.id), { reference: x.refund.reference, amount: { amount: '2.50' } }],
      ['Payout', toGlobalId('Payout', x.payout.id), { reference: x.payout.reference, failureCode: 'LIMIT' }],
      ['ScheduledPayment', toGlobalId('ScheduledPayment', x.scheduled.id), { scheduledStatus: 'SUCCEEDED', scheduledFor: '2026-06-01T09:00:00.000Z' }],
      ['Site', toGlobalId('Site', m.site.id), { name: 'Shop' }],
    ];
  }

  it('fetches every kind of object by its global id through node()', async () => {
    for (const [typename, id, fields] of cases()) {
      const res = await t.gql(NODE, { id }, { key: m.key });
      expect(res.errors).toBeUndefined();
      expect(res.data!.node).toEqual({ __typename: typename, id, ...fields });
    }
  });

  it('fetches several at once with nodes(), in the order asked, null where not found', async () => {
    const ids = [toGlobalId('Payout', x.payout.id), 'garbage', toGlobalId('Order', s.order.id)];
    const res = await t.gql('query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids }, { key: m.key });
    expect(res.errors).toBeUndefined();
    expect(res.data!.nodes).toEqual([{ __typename: 'Payout', id: ids[0] }, null, { __typename: 'Order', id: ids[2] }]);
  });

  it('refuses more than 100 ids in nodes()', async () => {
    const ids = Array.from({ length: 101 }, () => toGlobalId('Order', s.order.id));
    const res = await t.gql('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids }, { key: m.key });
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0].extensions?.code).toBe('TOO_MANY_IDS');
  });

  it.each([
    ['a malformed id', 'not-an-id'],
    ['an empty id', ''],
    ['a raw uuid', '00000000-0000-4000-8000-000000000000'],
    ['an unknown type', toGlobalId('Invoice', '00000000-0000-4000-8000-000000000000')],
    ['a type name that is an Object property', toGlobalId('constructor', '00000000-0000-4000-8000-000000000000')],
    ['an id that does not exist', toGlobalId('Order', '00000000-0000-4000-8000-000000000000')],
    ['an id whose uuid is not a uuid', Buffer.from("Order:1' or '1'='1").toString('base64url')],
  ])('answers null, not an error, for %s', async (_name, id) => {
    const res = await t.gql(NODE, { id }, { key: m.key });
    expect(res.errors).toBeUndefined();
    expect(res.data!.node).toBeNull();
  });

  it('answers null when the id names another type than the query', async () => {
    const orderId = toGlobalId('Order', s.order.id);
    const res = await t.gql(
      `query($id: ID!) { customer(id: $id) { id } transaction(id: $id) { id } paymentMethod(id: $id) { id }
        refund(id: $id) { id } payout(id: $id) { id } scheduledPayment(id: $id) { id } }`,
      { id: orderId },
      { key: m.key },
    );
    expect(res.errors).toBeUndefined();
    expect(Object.values(res.data!)).toEqual([null, null, null, null, null, null]);
  });

  it('requires the read scope for node()', async () => {
    const payOnly = await t.merchant([Scope.PAY], 'Pay only');
    const res = await t.gql(NODE, { id: toGlobalId('Site', payOnly.site.id) }, { key: payOnly.key });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  describe('tenancy', () => {
    let other: TestSite;
    beforeAll(async () => {
      other = await t.merchant(undefined, 'Other shop');
      await seedOrders(t.em(), other.site.id, 2);
    });

    it("answers null for another site's ids from node() and every lookup", async () => {
      for (const [, id] of cases()) {
        const res = await t.gql(NODE, { id }, { key: other.key });
        expect(res.errors).toBeUndefined();
        expect(res.data!.node).toBeNull();
      }
      const lookups = `query($o: ID!, $c: ID!, $t: ID!, $p: ID!, $r: ID!, $po: ID!, $s: ID!) {
        order(id: $o) { id } customer(id: $c) { id } transaction(id: $t) { id } paymentMethod(id: $p) { id }
        refund(id: $r) { id } payout(id: $po) { id } scheduledPayment(id: $s) { id } nodes(ids: [$o, $c, $t]) { id } }`;
      const res = await t.gql(
        lookups,
        {
          o: toGlobalId('Order', s.order.id),
          c: toGlobalId('Customer', s.customer.id),
          t: toGlobalId('Transaction', s.transactions[0].id),
          p: toGlobalId('PaymentMethod', s.methods[0].id),
          r: toGlobalId('Refund', x.refund.id),
          po: toGlobalId('Payout', x.payout.id),
          s: toGlobalId('ScheduledPayment', x.scheduled.id),
        },
        { key: other.key },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({ order: null, customer: null, transaction: null, paymentMethod: null, refund: null, payout: null, scheduledPayment: null, nodes: [null, null, null] });
    });

    it("never lists another site's objects, even when filtering by their ids", async () => {
      const lists = `query($c: ID!, $o: ID!, $t: ID!) {
        orders(customerId: $c) { nodes { id } } customers(externalId: "${s.customer.externalId}") { nodes { id } }
        transactions(orderId: $o) { nodes { id } } paymentMethods(customerId: $c) { nodes { id } }
        refunds(transactionId: $t) { nodes { id } } payouts(customerId: $c) { nodes { id } } scheduledPayments(orderId: $o) { nodes { id } } }`;
      const vars = { c: toGlobalId('Customer', s.customer.id), o: toGlobalId('Order', s.order.id), t: toGlobalId('Transaction', s.transactions[1].id) };
      const res = await t.gql(lists, vars, { key: other.key });
      expect(res.errors).toBeUndefined();
      for (const list of Object.values(res.data!) as { nodes: unknown[] }[]) expect(list.nodes).toEqual([]);
      const mine = await t.gql('{ orders { nodes { id } } refunds { nodes { id } } payouts { nodes { id } } }', undefined, { key: other.key });
      expect(mine.data!.orders.nodes).toHaveLength(2);
      expect(mine.data!.refunds.nodes).toEqual([]);
      expect(mine.data!.payouts.nodes).toEqual([]);
    });

    it("keeps another site's rows out of nested lists and relations, even rows that point across sites", async () => {
      // The API never writes such a row, and the database refuses it (the same-site trigger); the loaders must
      // hold even if something wrote it with triggers off, as a replica or a restore does.
      const em = t.em();
      await em.begin();
      await em.execute('set local session_replication_role = replica');
      const foreign = em.create(Transaction, {
        site: em.getReference(Site, other.site.id),
        order: em.getReference(Order, s.order.id),
        customer: em.getReference(Customer, s.customer.id),
        provider: 'cardgateway',
        kind: TransactionKind.SALE,
        amountMinor: 1n,
        currency: 'EUR' as CurrencyCode,
        reference: `foreign-${randomUUID()}`,
      });
      await em.commit();
      const mine = await t.gql(
        'query($id: ID!) { order(id: $id) { transactions { nodes { reference } } customer { transactions { nodes { reference } } } } }',
        { id: toGlobalId('Order', s.order.id) },
        { key: m.key },
      );
      expect(mine.errors).toBeUndefined();
      expect(mine.data!.order.transactions.nodes).toHaveLength(2);
      expect(mine.body).not.toContain(foreign.reference);
      const theirs = await t.gql('query($id: ID!) { transaction(id: $id) { reference order { id } customer { id } } }', { id: toGlobalId('Transaction', foreign.id) }, { key: other.key });
      expect(theirs.data!.transaction).toEqual({ reference: foreign.reference, order: null, customer: null });
    });

    it('lets a partner read what a granting site owns, and only that site', async () => {
      const partner = await t.partner('Reseller', [Scope.READ]);
      await t.sites().grantPartner(m.site, partner.site, [Scope.READ]);
      const id = toGlobalId('Order', s.order.id);
      const acting = await t.gql(NODE, { id }, { key: partner.key, actingSite: toGlobalId('Site', m.site.id) });
      expect(acting.data!.node).toMatchObject({ __typename: 'Order', reference: s.order.reference });
      const own = await t.gql(NODE, { id }, { key: partner.key });
      expect(own.data?.node ?? null).toBeNull();
      const otherSite = await t.gql('{ orders { nodes { id } } }', undefined, { key: partner.key, actingSite: toGlobalId('Site', other.site.id) });
      expect(otherSite.status).toBe(403);
    });
  });
});
