import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import WebSocket from 'ws';
import { AddressInfo } from 'node:net';
import { type Running } from '../../src/app/bootstrap';
import { LISTENER_APPLICATION_NAME } from '../../src/domain/live/live-changes';
import { idOf } from '../../src/graphql/common/global-id';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../src/server/subscriptions/subscriptions';
import { Scope } from '../support/app';
import { cardMerchant, card, PAY, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';
import { newOrder } from '../support/scheduled-payments';
import { wsClient, type WsClient } from '../support/ws-client';

const THREE_DS_CARD = '4000000000003220';
const TX_UPDATED = `subscription($id: ID!) { transactionUpdated(id: $id) { id status capturedAmount { amount } } }`;
const ORDER_UPDATED = `subscription($id: ID!) { orderUpdated(id: $id) { id status } }`;
const EVENTS = `subscription($after: String) { events(after: $after) { cursor event { id type toStatus } transaction { id status } } }`;
const PAYOUT_UPDATED = `subscription($id: ID!) { payoutUpdated(id: $id) { id status amount { amount } } }`;
const PAYOUT = `mutation($input: CreatePayoutInput!) { createPayout(input: $input) { payout { id status } userErrors { code } } }`;
const HISTORY = `query($id: ID!) { transaction(id: $id) { events(first: 100) { edges { cursor node { id toStatus } } } } }`;

type FeedItem = { cursor: string; event: { id: string; type: string; toStatus: string | null }; transaction: { id: string; status: string } };


/** Another gateway process on the same database, as behind a load balancer, reaching A's sandbox as its provider. */
async function secondInstance(f: PaymentsFixture): Promise<{ running: Running; url: string }> {
  const running = await f.t.secondInstance({ CARDGATEWAY_BASE_URL: f.sandbox.baseUrl, RECONCILE_INTERVAL_MS: '0' });
  await running.built.app.listen({ host: '127.0.0.1', port: 0 });
  return { running, url: `http://127.0.0.1:${(running.built.app.server.address() as AddressInfo).port}` };
}

/** What the customer's browser does on the ACS page: press "Complete authentication". */
async function authenticate3ds(redirectUrl: string): Promise<void> {
  const page = await (await fetch(redirectUrl)).text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)![1];
  const key = /name="key" value="([^"]+)"/.exec(page)![1];
  await fetch(new URL(action, redirectUrl), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key, outcome: 'authenticate' }).toString() });
}

describe('issue 12: live status over graphql-ws subscriptions, across gateway instances', () => {
  let f: PaymentsFixture;
  let b: { running: Running; url: string };
  const clients: WsClient[] = [];
  const connect = (key: string, extra: Record<string, unknown> = {}) => {
    const client = wsClient(b.url, { Authorization: `Bearer ${key}`, ...extra });
    clients.push(client);
    return client;
  };
  const pay = async (number = '4111111111111111', orderId?: string) => {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '42.00', currency: 'EUR' }, source: { card: card(number) }, returnUrl: 'https://shop.example/back', ...(orderId ? { orderId } : {}) } });
    return res.data!.pay.transaction as { id: string; status: string; nextAction: { url: string } | null };
  };

  beforeAll(async () => {
    f = await startPaymentsFixture({ RECONCILE_AFTER_MS: '0' });
    b = await secondInstance(f);
  }, 60_000);
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(async () => {
    await b?.running.close();
    await f?.t.close();
  });

  it('shows a subscriber on instance B the 3-D Secure payment made on instance A: REQUIRES_ACTION, then SUCCEEDED, in order', async () => {
    const order = await newOrder(f.gql, '42.00');
    const ws = connect(f.merchant.key);
    const orderSeen = ws.subscribe(ORDER_UPDATED, { id: order }, (d) => d.orderUpdated.status as string);
    await orderSeen.until((s) => s.length === 1);
    const txn = await pay(THREE_DS_CARD, order);
    expect(txn.status).toBe('REQUIRES_ACTION');

    const seen = ws.subscribe(TX_UPDATED, { id: txn.id }, (d) => d.transactionUpdated.status as string);
    await seen.until((s) => s.includes('REQUIRES_ACTION'));
    await authenticate3ds(txn.nextAction!.url);
    const statuses = await seen.until((s) => s.includes('SUCCEEDED'));

    expect(seen.errors).toEqual([]);
    expect(statuses[0]).toBe('REQUIRES_ACTION');
    expect(statuses[statuses.length - 1]).toBe('SUCCEEDED');
    expect(statuses.filter((s, i) => s === statuses[i - 1])).toEqual([]);
    expect(await orderSeen.until((s) => s.includes('PAID'))).toEqual(['OPEN', 'PAID']);
  });

  it('resumes the events feed from the last cursor received with nothing lost and nothing repeated', async () => {
    // A cursor from Transaction.events is a feed position too: start right after an earlier payment's last event.
    const earlier = (await f.gql(HISTORY, { id: (await pay()).id })).data!.transaction.events.edges as { cursor: string }[];
    const first = connect(f.merchant.key);
    const live = first.subscribe(EVENTS, { after: earlier[earlier.length - 1].cursor }, (d) => d.events as FeedItem);
    const paid = [await pay()];
    await live.until((items) => items.some((i) => i.transaction.id === paid[0].id && i.event.toStatus === 'SUCCEEDED'));
    const before = [...live.items];
    await first.dispose();

    // While nobody listens: one payment settles at once, one waits for its customer.
    paid.push(await pay(), await pay(THREE_DS_CARD));
    const resumed = connect(f.merchant.key).subscribe(EVENTS, { after: before[before.length - 1].cursor }, (d) => d.events as FeedItem);
    await resumed.until((items) => items.some((i) => i.transaction.id === paid[2].id && i.event.toStatus === 'REQUIRES_ACTION'));
    await authenticate3ds(paid[2].nextAction!.url);
    await resumed.until((items) => items.some((i) => i.transaction.id === paid[2].id && i.event.toStatus === 'SUCCEEDED'));

    const delivered = [...before, ...resumed.items];
    expect(new Set(delivered.map((i) => i.event.id)).size).toBe(delivered.length);
    for (const txn of paid) {
      // Per transaction, the feed gave exactly Transaction.events, with the same cursors, in the same order.
      const history = (await f.gql(HISTORY, { id: txn.id })).data!.transaction.events.edges as { cursor: string; node: { id: string } }[];
      const fromFeed = delivered.filter((i) => i.transaction.id === txn.id);
      expect(fromFeed.map((i) => [i.cursor, i.event.id])).toEqual(history.map((e) => [e.cursor, e.node.id]));
    }
  });

  it("refuses another site's transaction id as not found, and a subscriber never sees another site's events", async () => {
    const other = await cardMerchant(f.t, 'Other merchant');
    const txn = await pay();
    const ws = connect(other.key);
    const refused = ws.subscribe(TX_UPDATED, { id: txn.id });
    const feed = ws.subscribe(EVENTS, {}, (d) => d.events as FeedItem);
    await refused.until(() => refused.completed);
    expect(refused.items).toEqual([]);
    expect(refused.errors).toMatchObject([{ message: 'no Transaction with this id in the acting site', extensions: { code: 'NOT_FOUND' } }]);
    await pay();
    await new Promise((r) => setTimeout(r, 500));
    expect(feed.items).toEqual([]);
  });

  it('refuses a bad key, a missing key and a partner without its acting site when the connection opens', async () => {
    const bad = connect('pg_live_nope_nope');
    expect(await bad.closed).toMatchObject({ code: 4401, reason: 'invalid or revoked API key' });
    const none = wsClient(b.url, {});
    clients.push(none);
    expect((await none.closed).code).toBe(4401);
    const partner = await f.t.partner('Live partner');
    expect(await connect(partner.key).closed).toMatchObject({ code: 4403, reason: expect.stringContaining('X-Acting-Site') });
  });

  it('refuses, per subscription, a key without the read scope, a cursor it did not give, a query over the cost limit and a 21st subscription on one connection', async () => {
    const payOnly = await f.t.merchant([Scope.PAY], 'Pay-only merchant');
    const scoped = connect(payOnly.key).subscribe(EVENTS);
    await scoped.until(() => scoped.completed);
    expect(scoped.errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);

    const ws = connect(f.merchant.key);
    const badCursor = ws.subscribe(EVENTS, { after: 'bm90LWEtY3Vyc29y' });
    await badCursor.until(() => badCursor.completed);
    expect(badCursor.errors).toMatchObject([{ message: 'after is not a cursor returned by this API', extensions: { code: 'INVALID_CURSOR' } }]);

    const page = 'transactions(first: 100) { nodes { events(first: 100) { nodes { id } } } }';
    const costly = ws.subscribe(`subscription { events { transaction { order { a: ${page} b: ${page} c: ${page} } } } }`);
    await costly.until(() => costly.errors.length > 0);
    expect(costly.errors).toMatchObject([{ extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'cost' } }]);

    const order = await newOrder(f.gql, '1.00');
    const open = Array.from({ length: MAX_SUBSCRIPTIONS_PER_CONNECTION }, () => ws.subscribe(ORDER_UPDATED, { id: order }));
    await Promise.all(open.map((sub) => sub.until((items) => items.length === 1)));
    const extra = ws.subscribe(ORDER_UPDATED, { id: order });
    await extra.until(() => extra.errors.length > 0);
    expect(extra.errors).toMatchObject([{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } }]);
  });

  it("closes instance B's open connections of a key the moment it is revoked on instance A", async () => {
    const made = (await f.gql(`mutation { createApiKey(input: { name: "live", scopes: [READ] }) { key apiKey { id } } }`)).data!.createApiKey;
    const ws = connect(made.key);
    const feed = ws.subscribe(EVENTS);
    const order = await newOrder(f.gql, '2.00');
    await ws.subscribe(ORDER_UPDATED, { id: order }).until((items) => items.length === 1);
    const revoked = await f.gql(`mutation($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { code } } }`, { id: made.apiKey.id });
    expect(revoked.data!.revokeApiKey.userErrors).toEqual([]);
    expect(await ws.closed).toMatchObject({ code: 4401, reason: 'API key revoked' });
    expect(feed.items).toEqual([]);
  });

  it('runs only subscriptions over the socket: a query is refused and sent back to POST /graphql', async () => {
    const ws = connect(f.merchant.key);
    const query = ws.subscribe('{ viewer { __typename } }');
    await query.until(() => query.errors.length > 0);
    expect(query.errors).toMatchObject([{ extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('reconnects its LISTEN connection when the database drops it, and the subscriber misses nothing', async () => {
    const ws = connect(f.merchant.key);
    const feed = ws.subscribe(EVENTS, {}, (d) => d.events as FeedItem);
    const txn = await pay();
    await feed.until((items) => items.some((i) => i.transaction.id === txn.id && i.event.toStatus === 'SUCCEEDED'));
    const killed = await f.t.em().execute(`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = ? and datname = current_database()`, [LISTENER_APPLICATION_NAME]);
    expect(killed.length).toBeGreaterThan(0);
    const after = await pay();
    await feed.until((items) => items.some((i) => i.transaction.id === after.id && i.event.toStatus === 'SUCCEEDED'));
    expect(new Set(feed.items.map((i) => i.event.id)).size).toBe(feed.items.length);
  });

  it('holds back a newer event while an older one is still uncommitted, then gives both in cursor order', async () => {
    const earlier = await pay();
    const edges = (await f.gql(HISTORY, { id: earlier.id })).data!.transaction.events.edges as { cursor: string }[];
    const feed = connect(f.merchant.key).subscribe(EVENTS, { after: edges[edges.length - 1].cursor }, (d) => d.events as FeedItem);
    // Another writer's event, created now but committed only after a later payment's events.
    const slow = new Client({ connectionString: f.t.running.deps.config.database.url! });
    await slow.connect();
    const slowEvent = randomUUID();
    try {
      await slow.query('begin');
      await slow.query(`insert into transaction_event (id, transaction_id, type, created_at) values ($1, $2, 'amount_mismatch', $3)`, [slowEvent, idOf(earlier.id, 'Transaction'), new Date()]);
      const later = await pay();
      await new Promise((r) => setTimeout(r, 600));
      expect(feed.items).toEqual([]);
      await slow.query('commit');
      const items = await feed.until((got) => got.some((i) => i.transaction.id === later.id && i.event.toStatus === 'SUCCEEDED'));
      expect(items[0].event.id).toBe(Buffer.from(`TransactionEvent:${slowEvent}`).toString('base64url'));
      expect(items.slice(1).every((i) => i.transaction.id === later.id)).toBe(true);
    } finally {
      await slow.end();
    }
  });

  it('gives a payout as it is when the subscription starts', async () => {
    const made = (await f.gql(PAYOUT, { input: { provider: 'cardgateway', amount: { amount: '75.00', currency: 'EUR' }, destination: { card: card() } } })).data!.createPayout;
    const seen = connect(f.merchant.key).subscribe(PAYOUT_UPDATED, { id: made.payout.id }, (d) => d.payoutUpdated);
    expect(await seen.until((p) => p.length === 1)).toEqual([{ id: made.payout.id, status: 'SUCCEEDED', amount: { amount: '75.00' } }]);
  });

  it('closes every socket with 1001 when the instance shuts down, without waiting on open subscriptions', async () => {
    const c = await secondInstance(f);
    const ws = wsClient(c.url, { Authorization: `Bearer ${f.merchant.key}` });
    const seen = ws.subscribe(TX_UPDATED, { id: (await pay()).id });
    await seen.until((s) => s.length === 1);
    // A client that stops reading never answers the close frame: shutdown cuts it after a second.
    const deaf = new WebSocket(`${c.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => deaf.once('open', resolve));
    deaf.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${f.merchant.key}` } }));
    await new Promise((resolve) => deaf.once('message', resolve));
    (deaf as unknown as { _socket: { pause(): void } })._socket.pause();
    const started = Date.now();
    await c.running.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await ws.closed).toMatchObject({ code: 1001 });
    await ws.dispose();
    deaf.terminate();
  });
});
