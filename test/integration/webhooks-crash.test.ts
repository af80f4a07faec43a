import { toGlobalId } from '../../src/graphql/common/global-id';
import { createTestDatabase } from '../support/database';
import { PgSession } from '../support/pg-session';
import { WebhookReceiver, type Received } from '../support/webhook-receiver';
import { byResource, CREATE_ENDPOINT, FAST_WEBHOOKS, webhookId } from '../support/webhooks';
import { CAPTURE, card, eventually, gql, PAY, REFUND, sleep } from '../faults/support/client';
import { buildEntry, GatewayProcess, gatewaySpec, startSandboxProcess, type Build, type GatewaySpec, type SandboxProcess } from '../faults/support/processes';
import { seedMerchants } from '../faults/support/seed';

/**
 * The gateway (the built entry, a process of its own) is SIGKILLed while a webhook request is in flight: the
 * receiver holds the request unanswered. After the restart that message is sent again (same webhook-id, at least
 * once) and every later event of the same resource follows it, in order: nothing lost, nothing skipped.
 */
describe('a gateway killed in the middle of a webhook delivery', () => {
  let build: Build;
  let db: { url: string; drop(): Promise<void> };
  let sandbox: SandboxProcess;
  let spec: GatewaySpec;
  let gateway: GatewayProcess;
  let pg: PgSession;
  let receiver: WebhookReceiver;
  let key: string;
  let siteId: string;
  const as = (query: string, variables: Record<string, unknown>) => gql(gateway.graphql, key, query, variables, 20_000);

  beforeAll(async () => {
    build = await buildEntry();
    db = await createTestDatabase();
    sandbox = await startSandboxProcess(build);
    // Production mode: loopback http must be allowed explicitly. The timeout is long (20 s, the receiver holds for
    // 30 s) so the kill lands mid-request even when a loaded machine takes seconds to notice the request arrived.
    spec = await gatewaySpec(db.url, sandbox.url, { ...FAST_WEBHOOKS, WEBHOOK_TIMEOUT_MS: '20000', WEBHOOK_ALLOW_HTTP_LOOPBACK: 'true' });
    [{ apiKey: key, siteId }] = await seedMerchants(db.url, spec.encryptionKey, 1);
    gateway = await GatewayProcess.start(build, spec);
    pg = await PgSession.open(db.url);
    receiver = await WebhookReceiver.start();
    // Building the entry takes minutes on a loaded machine.
  }, 420_000);
  afterAll(async () => {
    await receiver?.close();
    await pg?.close();
    await gateway?.stop();
    await sandbox?.stop();
    await db?.drop();
    await build?.remove();
  }, 60_000);

  it('sends the message in flight again after the restart, and every later one of its resource after it, in order', async () => {
    const made = (await as(CREATE_ENDPOINT, { input: { url: receiver.url, eventTypes: ['transaction.updated', 'refund.updated'] } })).data!.createWebhookEndpoint;
    receiver.secrets = [made.secret];
    receiver.mode = 'slow';
    receiver.slowMs = 30_000;

    const auth = (await as(PAY, { input: { provider: 'cardgateway', amount: { amount: '30.00', currency: 'EUR' }, source: { card: card() }, captureLater: true } })).data!.pay.transaction;
    expect((await as(CAPTURE, { input: { transactionId: auth.id } })).data!.capturePayment.userErrors).toEqual([]);
    expect((await as(REFUND, { input: { transactionId: auth.id, amount: { amount: '1.00', currency: 'EUR' } } })).data!.refundPayment.userErrors).toEqual([]);
    const held = await eventually(async () => receiver.received[0], 10_000, 20);
    expect(held).toBeDefined();
    await sleep(300);
    await gateway.kill();
    receiver.mode = 'ok';
    const inFlight = await pg.query<{ status: string; lease_until: Date | null; attempts: number }>(
      `select d.status, d.lease_until, d.attempts from webhook_delivery d join webhook_event e on e.id = d.event_id where 'msg_' || replace(e.id::text, '-', '') = $1`,
      [held!.id],
    );
    expect(inFlight).toEqual([expect.objectContaining({ status: 'PENDING', attempts: 1 })]);
    const attemptsWritten = await pg.query<{ n: number }>(`select count(*)::int as n from webhook_attempt`, []);
    expect(attemptsWritten[0]!.n).toBe(0);

    gateway = await GatewayProcess.start(build, spec);
    const committed = await pg.query<{ id: string; resource_key: string }>(`select id, resource_key from webhook_event where site_id = $1 order by created_at, id`, [siteId]);
    expect(committed.length).toBeGreaterThanOrEqual(4);
    const all = await eventually(async () => {
      const accepted = receiver.accepted;
      return committed.every((e) => accepted.some((r) => r.id === webhookId(e.id))) ? accepted : undefined;
    }, 60_000, 200);
    expect(all).toBeDefined();
    const expected = byResource(committed.map((e) => ({ resource: globalIdOf(e.resource_key), id: webhookId(e.id) })));
    expect(byResource(firstCopies(all!).map((r) => ({ resource: r.payload!.data.id, id: r.id })))).toEqual(expected);
    // The held message was the first of its resource, and it came again with the same id.
    expect(expected[held!.payload!.data.id]![0]).toBe(held!.id);
    expect(receiver.received.filter((r) => r.id === held!.id).length).toBeGreaterThanOrEqual(2);
    const states = await eventually(async () => {
      const rows = await pg.query<{ status: string }>(`select status from webhook_delivery`, []);
      return rows.every((r) => r.status === 'DELIVERED') ? rows : undefined;
    }, 10_000, 200);
    expect(states).toHaveLength(committed.length);
  }, 150_000);
});

function globalIdOf(resourceKey: string): string {
  const [type, id] = resourceKey.split(':');
  return toGlobalId(type!, id!);
}

function firstCopies(accepted: Received[]): Received[] {
  const seen = new Set<string>();
  return accepted.filter((r) => !seen.has(r.id) && seen.add(r.id));
}
