import { toGlobalId } from '../../src/graphql/common/global-id';
import { eventually, sleep } from '../faults/support/client';
import { CAPTURE, PAY, REFUND, card, cardMerchant, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';
import type { TestSite } from '../support/app';
import { CANCEL_SCHEDULE, newOrder, savedCard, SCHEDULE } from '../support/scheduled-payments';
import { WebhookReceiver, type Received } from '../support/webhook-receiver';
import { byResource, committedEvents, CREATE_ENDPOINT, createEndpoint, DELIVERIES, ENDPOINTS, FAST_WEBHOOKS, REDELIVER, ROTATE_SECRET, webhookId } from '../support/webhooks';

/**
 * Signed webhooks over real loopback HTTP, from the outbox the database triggers write, verified by the receiver
 * with the standardwebhooks library. Each test has its own merchant site, endpoint and receiver.
 */
describe('webhooks to a merchant receiver', () => {
  let f: PaymentsFixture;
  const receivers: WebhookReceiver[] = [];
  beforeAll(async () => {
    f = await startPaymentsFixture(FAST_WEBHOOKS);
  }, 60_000);
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await f?.t.close();
  });

  const as = (m: TestSite) => (query: string, variables?: Record<string, unknown>) => f.t.gql(query, variables, { key: m.key });
  async function setUp(name: string) {
    const merchant = await cardMerchant(f.t, name);
    const receiver = await WebhookReceiver.start();
    receivers.push(receiver);
    const endpoint = await createEndpoint(as(merchant), receiver.url);
    receiver.secrets = [endpoint.secret];
    return { merchant, receiver, endpoint, gql: as(merchant) };
  }
  async function authorizeCaptureRefund(gql: ReturnType<typeof as>) {
    const auth = (await gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '50.00', currency: 'EUR' }, source: { card: card() }, captureLater: true } })).data!.pay.transaction;
    expect((await gql(CAPTURE, { input: { transactionId: auth.id } })).data!.capturePayment.userErrors).toEqual([]);
    expect((await gql(REFUND, { input: { transactionId: auth.id, amount: { amount: '5.00', currency: 'EUR' } } })).data!.refundPayment.userErrors).toEqual([]);
    return auth.id as string;
  }
  /** Every committed event reached the receiver, accepted, in its resource's commit order, each once. */
  async function expectAllInOrder(m: TestSite, receiver: WebhookReceiver) {
    const committed = await committedEvents(f.t.em(), m.site.id);
    const expected = byResource(committed.map((e) => ({ resource: globalIdOf(e.resource_key), id: webhookId(e.id) })));
    const seen = await eventually(async () => {
      const accepted = receiver.accepted;
      return committed.every((e) => accepted.some((r) => r.id === webhookId(e.id))) ? accepted : undefined;
    }, 20_000, 100);
    expect(seen).toBeDefined();
    const firsts = dedupe(seen!);
    expect(byResource(firsts.map((r) => ({ resource: r.payload!.data.id, id: r.id })))).toEqual(expected);
    return committed;
  }

  it('delivers a payment\'s status change signed by the Standard Webhooks scheme, recorded with its response', async () => {
    const { merchant, receiver, endpoint, gql } = await setUp('Webhooks normal');
    const sale = (await gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '12.34', currency: 'EUR' }, source: { card: card() } } })).data!.pay.transaction;
    expect(sale.status).toBe('SUCCEEDED');
    const answered = Date.now();
    const got = await eventually(async () => receiver.accepted.find((r) => r.payload?.data.status === 'SUCCEEDED'), 10_000, 5);
    expect(got).toBeDefined();
    console.log(`webhook latency: ${Date.now() - answered} ms from the pay response to the receiver (sweep every ${FAST_WEBHOOKS.WEBHOOK_SWEEP_INTERVAL_MS} ms)`);
    expect(got!.payload).toMatchObject({ type: 'transaction.updated', data: { object: 'transaction', id: sale.id, status: 'SUCCEEDED', amount: { amountMinor: '1234', currency: 'EUR' } } });
    expect(got!.payload!.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(got!.verifiedBy).toEqual([0]);
    expect(got!.signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(Math.abs(Number(got!.timestamp) - Date.now() / 1000)).toBeLessThan(30);
    expect(receiver.received.map((r) => r.body).join('')).not.toContain('4111111111111111');
    // Only the gateway's signature counts: a receiver holding another secret refuses it.
    expect(receiver.received.every((r) => r.verifiedBy.length === 1)).toBe(true);

    // The receiver answered before the gateway recorded the answer.
    const delivered = await eventually(async () => {
      const listed = (await gql(DELIVERIES, { endpointId: endpoint.id, first: 50 })).data!.webhookDeliveries.nodes;
      return listed.find((d: any) => d.event.webhookId === got!.id && d.status !== 'PENDING');
    }, 5_000, 50);
    expect(delivered).toMatchObject({ status: 'DELIVERED', endpoint: { id: endpoint.id }, event: { type: 'transaction.updated', resourceId: sale.id }, attempts: [{ responseStatus: 200, responseBody: 'ok', error: null }] });
    expect(await expectAllInOrder(merchant, receiver)).not.toHaveLength(0);
  }, 30_000);

  it('sends payout and scheduled payment changes too, each object in its own order', async () => {
    const { merchant, receiver, gql } = await setUp('Webhooks payouts and schedules');
    const payout = (await gql(PAYOUT, { input: { provider: 'cardgateway', amount: { amount: '8.00', currency: 'EUR' }, destination: { card: card() } } })).data!.createPayout.payout;
    const method = await savedCard(gql);
    const order = await newOrder(gql, '9.00');
    const scheduled = (await gql(SCHEDULE, { input: { orderId: order, amount: { amount: '9.00', currency: 'EUR' }, paymentMethodId: method, scheduledFor: new Date(Date.now() + 3_600_000).toISOString() } })).data!.schedulePayment.scheduledPayment;
    expect((await gql(CANCEL_SCHEDULE, { input: { scheduledPaymentId: scheduled.id } })).data!.cancelScheduledPayment.userErrors).toEqual([]);
    await expectAllInOrder(merchant, receiver);
    const data = (type: string) => dedupe(receiver.accepted).filter((r) => r.payload!.type === type).map((r) => r.payload!.data);
    expect(data('payout.updated').at(-1)).toMatchObject({ object: 'payout', id: payout.id, status: 'SUCCEEDED', amount: { amountMinor: '800', currency: 'EUR' } });
    expect(data('scheduled_payment.updated').map((d) => [d.id, d.status])).toEqual([[scheduled.id, 'SCHEDULED'], [scheduled.id, 'CANCELLED']]);
  }, 30_000);

  it('sends an event again on redeliverWebhookEvent, with the same webhook-id', async () => {
    const { receiver, endpoint, gql } = await setUp('Webhooks redeliver');
    await gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '2.00', currency: 'EUR' }, source: { card: card() } } });
    const first = await eventually(async () => receiver.accepted.find((r) => r.payload?.data.status === 'SUCCEEDED'), 10_000, 50);
    const event = (await gql(DELIVERIES, { endpointId: endpoint.id })).data!.webhookDeliveries.nodes.find((d: any) => d.event.webhookId === first!.id).event;
    const again = (await gql(REDELIVER, { input: { eventId: event.id } })).data!.redeliverWebhookEvent;
    expect(again).toMatchObject({ userErrors: [], deliveries: [{ status: 'PENDING' }] });
    const copies = await eventually(async () => {
      const same = receiver.accepted.filter((r) => r.id === first!.id);
      return same.length === 2 ? same : undefined;
    }, 10_000, 50);
    expect(copies![1]!.body).toBe(copies![0]!.body);
  }, 30_000);

  it('refuses a bad URL, an unknown event type and another site\'s endpoint as userErrors, writing nothing', async () => {
    const { merchant, gql } = await setUp('Webhooks bad input');
    const other = as(await cardMerchant(f.t, 'Webhooks other site'));
    const http = (await gql(CREATE_ENDPOINT, { input: { url: 'http://example.com/hooks', eventTypes: ['transaction.updated'] } })).data!.createWebhookEndpoint;
    expect(http).toMatchObject({ webhookEndpoint: null, secret: null, userErrors: [{ code: 'INVALID_URL', field: ['input', 'url'] }] });
    const creds = (await gql(CREATE_ENDPOINT, { input: { url: 'https://user:pw@example.com/hooks', eventTypes: ['transaction.updated'] } })).data!.createWebhookEndpoint;
    expect(creds.userErrors[0].code).toBe('INVALID_URL');
    const type = (await gql(CREATE_ENDPOINT, { input: { url: 'https://example.com/hooks', eventTypes: ['card.created'] } })).data!.createWebhookEndpoint;
    expect(type.userErrors).toHaveLength(1);
    expect(type.userErrors[0].field).toEqual(['input', 'eventTypes']);
    const theirs = (await gql(ENDPOINTS)).data!.webhookEndpoints.nodes[0].id;
    const rotated = (await other(ROTATE_SECRET, { input: { id: theirs } })).data!.rotateWebhookEndpointSecret;
    expect(rotated).toMatchObject({ secret: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] });
    const count = await f.t.em().execute(`select count(*)::int as n from webhook_endpoint where site_id = ?`, [merchant.site.id]);
    expect(count[0].n).toBe(1);
  }, 30_000);

  it('retries while the receiver is down and, once it is up, delivers every event in order per resource', async () => {
    const { merchant, receiver, endpoint, gql } = await setUp('Webhooks down');
    await receiver.down();
    await authorizeCaptureRefund(gql);
    const refused = await eventually(async () => {
      const nodes = (await gql(DELIVERIES, { endpointId: endpoint.id, first: 50 })).data!.webhookDeliveries.nodes;
      return nodes.some((d: any) => d.attempts.length >= 2) ? nodes : undefined;
    }, 10_000, 100);
    expect(refused!.flatMap((d: any) => d.attempts.map((a: any) => a.error))).toContain('CONNECTION_FAILED: ECONNREFUSED');
    expect(refused!.every((d: any) => d.status === 'PENDING')).toBe(true);
    await receiver.up();
    const committed = await expectAllInOrder(merchant, receiver);
    expect(new Set(committed.map((e) => e.type))).toEqual(new Set(['transaction.updated', 'refund.updated']));
  }, 40_000);

  it('counts a slow receiver as failed at the timeout and delivers on a later attempt', async () => {
    const { merchant, receiver, endpoint, gql } = await setUp('Webhooks slow');
    receiver.mode = 'slow';
    await gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '3.00', currency: 'EUR' }, source: { card: card() } } });
    const timedOut = await eventually(async () => {
      const nodes = (await gql(DELIVERIES, { endpointId: endpoint.id, first: 50 })).data!.webhookDeliveries.nodes;
      return nodes.find((d: any) => d.attempts.some((a: any) => a.error === 'TIMEOUT'));
    }, 10_000, 100);
    expect(timedOut.attempts[0]).toMatchObject({ responseStatus: null, error: 'TIMEOUT' });
    expect(timedOut.attempts[0].durationMs).toBeGreaterThanOrEqual(550);
    receiver.mode = 'ok';
    await expectAllInOrder(merchant, receiver);
  }, 40_000);

  it('records a 500 with the body excerpt and delivers once the receiver answers 2xx', async () => {
    const { merchant, receiver, endpoint, gql } = await setUp('Webhooks 500');
    receiver.mode = 'fail';
    await gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '4.00', currency: 'EUR' }, source: { card: card() } } });
    const failed = await eventually(async () => {
      const nodes = (await gql(DELIVERIES, { endpointId: endpoint.id, first: 50 })).data!.webhookDeliveries.nodes;
      return nodes.find((d: any) => d.attempts.length >= 2);
    }, 10_000, 100);
    expect(failed.attempts[0]).toMatchObject({ responseStatus: 500, responseBody: 'refused 500: try later', error: null });
    expect(failed.status).toBe('PENDING');
    receiver.mode = 'ok';
    await expectAllInOrder(merchant, receiver);
    const done = (await gql(DELIVERIES, { endpointId: endpoint.id, first: 50 })).data!.webhookDeliveries.nodes.find((d: any) => d.id === failed.id);
    expect(done.status).toBe('DELIVERED');
    expect(done.attempts.at(-1)).toMatchObject({ responseStatus: 200 });
  }, 40_000);

  it('gives a delivery up after the retry window, and the next event of its resource then goes', async () => {
    const { merchant, receiver, endpoint, gql } = await setUp('Webhooks give up');
    const settings = f.t.running.deps.config.webhooks;
    const retryForMs = settings.retryForMs;
    settings.retryForMs = 1_500;
    try {
      receiver.mode = 'fail';
      await authorizeCaptureRefund(gql);
      const first = await eventually(async () => receiver.received[0], 10_000, 20);
      receiver.poisoned.add(first!.id);
      receiver.mode = 'ok';
      const given = await eventually(async () => {
        const nodes = (await gql(DELIVERIES, { endpointId: endpoint.id, first: 50 })).data!.webhookDeliveries.nodes;
        return nodes.find((d: any) => d.event.webhookId === first!.id && d.status === 'FAILED');
      }, 15_000, 100);
      expect(given.attempts.length).toBeGreaterThanOrEqual(2);
      expect(given.nextAttemptAt).toBeNull();
      const committed = await committedEvents(f.t.em(), merchant.site.id);
      const rest = committed.filter((e) => webhookId(e.id) !== first!.id);
      const accepted = await eventually(async () => (rest.every((e) => receiver.accepted.some((r) => r.id === webhookId(e.id))) ? receiver.accepted : undefined), 30_000, 100);
      if (!accepted) throw new Error(`not all delivered: ${JSON.stringify((await gql(DELIVERIES, { endpointId: endpoint.id, first: 50 })).data!.webhookDeliveries.nodes.map((d: any) => [d.event.webhookId, d.status, d.attempts.length]))}; endpoint ${JSON.stringify((await gql(ENDPOINTS)).data)}`);
      const expected = byResource(rest.map((e) => ({ resource: globalIdOf(e.resource_key), id: webhookId(e.id) })));
      expect(byResource(dedupe(accepted!).map((r) => ({ resource: r.payload!.data.id, id: r.id })))).toEqual(expected);
    } finally {
      settings.retryForMs = retryForMs;
    }
  }, 60_000);

  it('signs with both secrets during a rotation\'s overlap, and with the new one alone after it', async () => {
    const { receiver, endpoint, gql } = await setUp('Webhooks rotation');
    const oldSecret = endpoint.secret;
    const rotated = (await gql(ROTATE_SECRET, { input: { id: endpoint.id } })).data!.rotateWebhookEndpointSecret;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(oldSecret);
    receiver.secrets = [oldSecret, rotated.secret];
    await gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '5.00', currency: 'EUR' }, source: { card: card() } } });
    const during = await eventually(async () => receiver.accepted.find((r) => r.payload?.data.status === 'SUCCEEDED'), 10_000, 50);
    expect(during!.verifiedBy).toEqual([0, 1]);
    expect(during!.signature.split(' ')).toHaveLength(2);

    await sleep(Math.max(0, Date.parse(rotated.webhookEndpoint.previousSecretExpiresAt) - Date.now()) + 100);
    const before = receiver.received.length;
    await gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '6.00', currency: 'EUR' }, source: { card: card() } } });
    const after = await eventually(async () => receiver.accepted.slice(before).find((r) => r.payload?.data.status === 'SUCCEEDED'), 10_000, 50);
    expect(after!.verifiedBy).toEqual([1]);
    expect(after!.signature.split(' ')).toHaveLength(1);
  }, 40_000);

  it('disables an endpoint that keeps failing, with the reason, holds its deliveries, and sends them in order once enabled', async () => {
    const { merchant, receiver, endpoint, gql } = await setUp('Webhooks dead');
    const settings = f.t.running.deps.config.webhooks;
    const disableAfterMs = settings.disableAfterMs;
    await receiver.down();
    await gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '7.00', currency: 'EUR' }, source: { card: card() } } });
    settings.disableAfterMs = 2_000;
    const disabled = await eventually(async () => {
      const node = (await gql(ENDPOINTS)).data!.webhookEndpoints.nodes[0];
      return node.enabled ? undefined : node;
    }, 15_000, 200).finally(() => (settings.disableAfterMs = disableAfterMs));
    expect(disabled).toMatchObject({ id: endpoint.id, enabled: false });
    expect(disabled.disabledReason).toMatch(/^disabled by the gateway: \d+ failed attempts in a row since .+, the last: CONNECTION_FAILED: ECONNREFUSED$/);
    const attempts = (await gql(DELIVERIES, { endpointId: endpoint.id })).data!.webhookDeliveries.nodes.flatMap((d: any) => d.attempts).length;
    await sleep(800);
    const nodes = (await gql(DELIVERIES, { endpointId: endpoint.id })).data!.webhookDeliveries.nodes;
    expect(nodes.flatMap((d: any) => d.attempts).length).toBe(attempts);
    expect(nodes.every((d: any) => d.status === 'PENDING')).toBe(true);

    await receiver.up();
    const enabled = (await gql(ENABLE, { input: { id: endpoint.id } })).data!.enableWebhookEndpoint.webhookEndpoint;
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null, consecutiveFailures: 0 });
    await expectAllInOrder(merchant, receiver);
  }, 40_000);

  it('sends to the new URL after an update, and drops pending deliveries with a deleted endpoint', async () => {
    const { merchant, receiver, endpoint, gql } = await setUp('Webhooks update delete');
    const moved = await WebhookReceiver.start();
    receivers.push(moved);
    moved.secrets = receiver.secrets;
    const updated = (await gql(UPDATE, { input: { id: endpoint.id, url: moved.url, eventTypes: ['transaction.updated'] } })).data!.updateWebhookEndpoint;
    expect(updated).toMatchObject({ userErrors: [], webhookEndpoint: { url: moved.url, eventTypes: ['transaction.updated'] } });
    await gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '1.50', currency: 'EUR' }, source: { card: card() } } });
    await expectAllInOrder(merchant, moved);
    expect(receiver.received).toEqual([]);

    await moved.down();
    await gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '1.60', currency: 'EUR' }, source: { card: card() } } });
    const deleted = (await gql(DELETE, { input: { id: endpoint.id } })).data!.deleteWebhookEndpoint;
    expect(deleted).toEqual({ deletedWebhookEndpointId: endpoint.id, userErrors: [] });
    const left = await f.t.em().execute(`select count(*)::int as n from webhook_delivery where site_id = ?`, [merchant.site.id]);
    expect(left[0].n).toBe(0);
    expect((await gql(ENDPOINTS)).data!.webhookEndpoints.nodes).toEqual([]);
  }, 40_000);
});

const ENABLE = `mutation($input: WebhookEndpointIdInput!) { enableWebhookEndpoint(input: $input) { webhookEndpoint { enabled disabledReason consecutiveFailures } } }`;
const UPDATE = `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { webhookEndpoint { url eventTypes } userErrors { code field message } } }`;
const DELETE = `mutation($input: WebhookEndpointIdInput!) { deleteWebhookEndpoint(input: $input) { deletedWebhookEndpointId userErrors { code field message } } }`;
const PAYOUT = `mutation($input: CreatePayoutInput!) { createPayout(input: $input) { payout { id status } userErrors { code field message } } }`;

function globalIdOf(resourceKey: string): string {
  const [type, id] = resourceKey.split(':');
  return toGlobalId(type!, id!);
}

/** The first accepted copy of each message (at least once: a receiver may see one twice). */
function dedupe(accepted: Received[]): Received[] {
  const seen = new Set<string>();
  return accepted.filter((r) => !seen.has(r.id) && seen.add(r.id));
}
