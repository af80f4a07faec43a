import { LockMode, type EntityMetadata } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { ClientToken } from '../../src/domain/client-tokens/client-token.entity';
import { entities } from '../../src/domain/entities';
import { AppAccessToken } from '../../src/domain/inbound/app-access-token.entity';
import { InboundReplyRow } from '../../src/domain/inbound/inbound-reply.entity';
import { ProviderRecordRow } from '../../src/domain/inbound/provider-record.entity';
import { paginate } from '../../src/domain/read/pagination';
import { pagePerParent } from '../../src/domain/read/pagination-per-parent';
import { PaymentOperation, PaymentOperationKind } from '../../src/domain/payments/payment-operation.entity';
import { ProviderEvent } from '../../src/domain/provider-events/provider-event.entity';
import { ApiKey, Scope } from '../../src/domain/sites/api-key.entity';
import { PartnerGrant } from '../../src/domain/sites/partner-grant.entity';
import { SiteKind } from '../../src/domain/sites/site.entity';
import { actingSiteIdOf, NOT_SITE_OWNED, scopedTo, TENANT, tenancyOf, unscoped } from '../../src/domain/tenancy';
import { Refund } from '../../src/domain/refunds/refund.entity';
import { TransactionEvent } from '../../src/domain/transactions/transaction-event.entity';
import { ScheduledPaymentEvent } from '../../src/domain/scheduled-payments/scheduled-payment-event.entity';
import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { WebhookAttempt } from '../../src/domain/webhooks/webhook-attempt.entity';
import { WebhookDelivery } from '../../src/domain/webhooks/webhook-delivery.entity';
import { WebhookEndpoint } from '../../src/domain/webhooks/webhook-endpoint.entity';
import { WebhookEvent } from '../../src/domain/webhooks/webhook-event.entity';
import { createContext } from '../../src/graphql/context';
import { byId } from '../../src/graphql/loaders';
import { TestApp } from '../support/app';
import { seedExtras, seedOrders } from '../support/read-seed';

type AnyEntity = { id: string };
const SNAPSHOT_READS = new Set(['Customer', 'Order', 'PaymentMethod', 'Transaction', 'TransactionEvent', 'Refund', 'Payout', 'ScheduledPayment', 'ScheduledPaymentEvent']);

describe('tenancy by construction: one ORM filter scopes every site-owned entity of a request', () => {
  let t: TestApp;
  /** One row of every site-owned entity, all belonging to site A, by entity name. */
  const rowOf = new Map<string, string>();
  let siteA: string;
  let siteB: string;
  const metas = (): EntityMetadata[] => [...t.running.orm.getMetadata().getAll().values()].filter((meta) => !meta.abstract);
  const siteOwned = () => metas().filter((meta) => tenancyOf(meta).kind !== 'none');

  beforeAll(async () => {
    t = await TestApp.start({ RECONCILE_INTERVAL_MS: '0' });
    const a = await t.merchant(undefined, 'Site A');
    const b = await t.merchant(undefined, 'Site B');
    [siteA, siteB] = [a.site.id, b.site.id];
    const partner = await t.partner('Partner of A');
    await t.sites().grantPartner(a.site, partner.site, [Scope.READ]);
    const em = t.em();
    const [seeded] = await seedOrders(em, siteA, 1);
    const extras = await seedExtras(em, siteA, seeded);
    const txn = seeded.transactions[1];
    const site = txn.site;
    const op = em.create(PaymentOperation, { site, transaction: txn, kind: PaymentOperationKind.CAPTURE, amountMinor: 1n, currency: txn.currency, reference: `cap-${randomUUID()}` });
    const event = em.create(ProviderEvent, { site, provider: 'cardgateway', eventKey: randomUUID(), type: 'test', payload: {}, verified: true });
    const appToken = em.create(AppAccessToken, { site, customer: seeded.customer, provider: 'payneteasy', deviceId: 'device-1', tokenHash: randomUUID(), expiresAt: new Date(Date.now() + 60_000) });
    const record = em.create(ProviderRecordRow, { site, provider: 'payneteasy', kind: 'test', key: randomUUID(), data: {} });
    const reply = em.create(InboundReplyRow, { site, provider: 'payneteasy', scope: 'test', key: randomUUID(), requestHash: 'h' });
    const hook = em.create(WebhookEndpoint, { site, url: 'https://a.example/hooks', eventTypes: ['transaction.updated'], secretSealed: 'sealed' });
    const hookEvent = em.create(WebhookEvent, { site, type: 'transaction.updated', resourceKey: `Transaction:${txn.id}`, payload: { type: 'transaction.updated', timestamp: '', data: {} } });
    const delivery = em.create(WebhookDelivery, { site, event: hookEvent, endpoint: hook, resourceKey: hookEvent.resourceKey });
    const attempt = em.create(WebhookAttempt, { site, delivery, durationMs: 1 });
    const clientToken = em.create(ClientToken, { site, createdByKeyId: randomUUID(), prefix: randomUUID().slice(0, 12), secretHash: 'h', order: seeded.order, allowedOrigins: ['https://shop.example'], expiresAt: new Date(Date.now() + 60_000) });
    await em.flush();
    const key = await em.findOneOrFail(ApiKey, { site: siteA });
    const grant = await em.findOneOrFail(PartnerGrant, { site: siteA });
    const txnEvent = await em.findOneOrFail(TransactionEvent, { transaction: txn.id });
    const rows: AnyEntity[] = [seeded.customer, seeded.order, seeded.methods[0], txn, txnEvent, op, extras.refund, extras.payout, extras.scheduled, extras.scheduledEvent, event, key, grant, appToken, record, reply, hook, hookEvent, delivery, attempt, clientToken];
    for (const row of rows) rowOf.set(row.constructor.name, row.id);
  });
  afterAll(() => t?.close());

  it('gives every entity a tenancy rule, and every entity with a site column the site rule', () => {
    for (const meta of metas()) {
      const rule = tenancyOf(meta);
      const siteColumn = meta.props.some((p: { fieldNames?: string[] }) => p.fieldNames?.includes('site_id'));
      if (meta.properties.site) expect([meta.className, rule.kind]).toEqual([meta.className, 'site']);
      else if (siteColumn) expect([meta.className, meta.className in NOT_SITE_OWNED]).toEqual([meta.className, true]);
    }
    expect(metas().map((m) => m.className).sort()).toEqual(entities.map((e) => e.name).sort());
  });

  it('refuses an entity that neither has a site nor is named as owned through a parent or not site-owned', () => {
    const stranger = { className: 'Stranger', properties: {} } as unknown as EntityMetadata;
    expect(() => tenancyOf(stranger)).toThrow(/Stranger has no tenancy rule/);
  });

  it("scopes the request's EntityManager to the principal's acting site", () => {
    const log = pino({ level: 'silent' });
    const principal = { apiKeyId: randomUUID(), siteId: siteB, siteKind: SiteKind.MERCHANT, actingSiteId: siteB, scopes: new Set([Scope.READ]) };
    const ctx = createContext(t.running.deps, { requestId: 'r1', principal, log });
    expect(actingSiteIdOf(ctx.em)).toBe(siteB);
    expect(actingSiteIdOf(ctx.em.fork())).toBe(siteB);
    expect(actingSiteIdOf(unscoped(t.running.orm.em as EntityManager))).toBeUndefined();
  });

  it('has a seeded row of every site-owned entity, so a new entity must join this test', () => {
    expect(siteOwned().map((m) => m.className).sort()).toEqual([...rowOf.keys()].sort());
  });

  it("finds, counts, locks, updates and deletes nothing of site A's through site B's EntityManager", async () => {
    for (const meta of siteOwned()) {
      const id = rowOf.get(meta.className)!;
      const em = scopedTo(t.running.orm.em as EntityManager, siteB);
      const entity = meta.class;
      const seen = {
        entity: meta.className,
        findOne: await em.fork().findOne(entity, { id }),
        find: (await em.fork().find(entity, { id })).length,
        count: await em.fork().count(entity, { id }),
        locked: await em.fork().transactional((tx) => tx.findOne(entity, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE })),
        updated: await em.fork().nativeUpdate(entity, { id }, { id }),
        deleted: await em.fork().nativeDelete(entity, { id }),
      };
      expect(seen).toEqual({ entity: meta.className, findOne: null, find: 0, count: 0, locked: null, updated: 0, deleted: 0 });
      // The same lookups through site A's EntityManager see the row: the filter, not a missing row, hid it.
      const own = scopedTo(t.running.orm.em as EntityManager, siteA);
      expect([meta.className, await own.fork().count(entity, { id })]).toEqual([meta.className, 1]);
    }
  });

  it("reads nothing of site A's through site B's raw-SQL loaders, pages and lists", async () => {
    const b = scopedTo(t.running.orm.em as EntityManager, siteB);
    const a = scopedTo(t.running.orm.em as EntityManager, siteA);
    for (const meta of siteOwned().filter((m) => SNAPSHOT_READS.has(m.className))) {
      const id = rowOf.get(meta.className)!;
      const entity = meta.class as never;
      expect([meta.className, await byId<AnyEntity>(b, entity).load(id)]).toEqual([meta.className, null]);
      expect([meta.className, (await byId<AnyEntity>(a, entity).load(id))?.id]).toEqual([meta.className, id]);
      const listed = async (em: EntityManager) => (await paginate(em, entity, {}, { first: 100 })).rows.map((r) => (r as AnyEntity).id);
      expect([meta.className, await listed(b)]).toEqual([meta.className, []]);
      expect([meta.className, (await listed(a)).includes(id)]).toEqual([meta.className, true]);
    }
    const perParent = async (em: EntityManager, entity: typeof Refund | typeof TransactionEvent, parentKey: string, parentId: string) =>
      (await pagePerParent(em, entity as never, { parentKey, parentIds: [parentId], first: 10, direction: 'asc' })).get(parentId)!.rows.length;
    const txn = rowOf.get(Transaction.name)!;
    expect([await perParent(b, Refund, 'transaction', txn), await perParent(b, TransactionEvent, 'transaction', txn)]).toEqual([0, 0]);
    expect([await perParent(a, Refund, 'transaction', txn), await perParent(a, TransactionEvent, 'transaction', txn)]).toEqual([1, 1]);
    const scheduled = rowOf.get('ScheduledPayment')!;
    expect(await perParent(b, ScheduledPaymentEvent as never, 'scheduledPayment', scheduled)).toBe(0);
    expect(await perParent(a, ScheduledPaymentEvent as never, 'scheduledPayment', scheduled)).toBe(1);
  });

  it('lets background work see every site, and says so', async () => {
    const em = unscoped(t.running.orm.em as EntityManager);
    expect(em.getFilterParams(TENANT)).toEqual({});
    expect(await em.count(Transaction, { id: rowOf.get(Transaction.name)! })).toBe(1);
  });
});
