import type { EntityManager } from '@mikro-orm/postgresql';
import { ReferenceKind, type EntityClass, type EntityMetadata } from '@mikro-orm/core';
import { ClientToken } from '../../src/domain/client-tokens/client-token.entity';
import { Customer } from '../../src/domain/customers/customer.entity';
import type { CurrencyCode } from '../../src/kernel/money';
import { Order } from '../../src/domain/orders/order.entity';
import { PaymentMethod, PaymentMethodStatus } from '../../src/domain/payment-methods/payment-method.entity';
import { Payout, PayoutStep } from '../../src/domain/payouts/payout.entity';
import { snapshots } from '../../src/domain/read/read-snapshot';
import { DeclineReasonCode } from '../../src/providers/decline-codes';
import { Refund } from '../../src/domain/refunds/refund.entity';
import { ScheduledPayment } from '../../src/domain/scheduled-payments/scheduled-payment.entity';
import { ScheduledPaymentEvent } from '../../src/domain/scheduled-payments/scheduled-payment-event.entity';
import { ApiKey } from '../../src/domain/sites/api-key.entity';
import { PartnerGrant } from '../../src/domain/sites/partner-grant.entity';
import { Site } from '../../src/domain/sites/site.entity';
import { TransactionEvent } from '../../src/domain/transactions/transaction-event.entity';
import { TransactionKind, TransactionStatus } from '../../src/domain/transactions/transaction-status';
import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { Scope, TestApp, type TestSite } from '../support/app';
import { seedExtras, seedOrders } from '../support/read-seed';

/** Every entity the read path maps from rows: loaders, nested pages and root lists. */
const READ_ENTITIES: EntityClass<{ id: string }>[] = [Site, ApiKey, PartnerGrant, Customer, Order, PaymentMethod, Transaction, TransactionEvent, Refund, Payout, ScheduledPayment, ScheduledPaymentEvent];

/** The optional columns seedOrders/seedExtras leave empty, filled here so every column is compared with a value. */
async function seedEveryColumn(em: EntityManager, siteId: string): Promise<void> {
  const [seeded] = await seedOrders(em, siteId, 1, { prefix: 'full' });
  await seedExtras(em, siteId, seeded);
  const { customer, order, methods, transactions } = seeded;
  Object.assign(customer, { firstName: 'Ada', middleName: 'King', lastName: 'Lovelace', birthDate: '1815-12-10', phone: '+44 20 7946 0000', metadata: { tier: 'gold' },
    providerDetails: { paysafecard: { providerCustomerId: '172853330915', firstName: 'Ada', receivedAt: '2026-02-03T04:05:06.789Z' } },
  });
  Object.assign(order, { description: 'Analytical engine', provider: 'paynearme', providerOrderId: 'pnm-1', metadata: { cart: '7' } });
  const clientToken = em.create(ClientToken, { site: em.getReference(Site, siteId), createdByKeyId: '00000000-0000-4000-8000-000000000002', prefix: 'abcdef012345', secretHash: 'h', order, customer, allowedOrigins: ['https://shop.example'], expiresAt: new Date('2026-02-03T05:05:06.789Z') });
  Object.assign(methods[0], { holderName: 'ADA LOVELACE', status: PaymentMethodStatus.REMOVED, removedAt: new Date('2026-02-03T04:05:06.789Z'), singleUse: true, usedAt: new Date('2026-02-03T04:06:06.789Z'), clientToken });
  Object.assign(transactions[1], {
    feeMinor: 99n,
    providerTransactionId: 'cg-42',
    nextAction: { kind: 'REDIRECT', url: 'https://acs.example/3ds' },
    mismatch: { amountMinor: '1001', currency: 'EUR' },
    returnUrl: 'https://shop.example/return',
    metadata: { attempt: '2' },
    card: { brand: 'VISA', last4: '1111', expMonth: 12, expYear: 2031 },
    feeOptionId: 'credit_card@ivr',
    providerFeeMinor: 150n,
    partnerSiteId: '00000000-0000-4000-8000-000000000001',
  });
  em.create(TransactionEvent, { transaction: transactions[1], type: 'captured', amountMinor: 1001n, message: 'captured', data: { source: 'callback' } });
  const refund = await em.findOneOrFail(Refund, { transaction: transactions[1] });
  Object.assign(refund, { providerTransactionId: 'rf-1', failureCode: 'NONE', failureReason: 'none', failureReasonCode: DeclineReasonCode.LIMIT_EXCEEDED, failureField: 'amount' });
  const payout = await em.findOneOrFail(Payout, { customer });
  payout.providerTransactionId = 'po-1';
  payout.step = PayoutStep.PAYOUT;
  payout.failureField = 'customer';
  payout.failureReasonCode = DeclineReasonCode.UNKNOWN;
  const scheduled = await em.findOneOrFail(ScheduledPayment, { order });
  Object.assign(scheduled, {
    providerScheduleId: 'sch-1',
    description: 'June instalment',
    leaseUntil: new Date('2026-06-01T09:01:00.123Z'),
    failureCode: 'NONE',
    failureMessage: 'none',
    partnerSiteId: '00000000-0000-4000-8000-000000000002',
  });
  em.create(ScheduledPaymentEvent, { scheduledPayment: scheduled, type: 'declined', message: 'insufficient funds', data: { code: '11051' } });
  const site = await em.findOneOrFail(Site, siteId);
  site.providerCredentials = { cardgateway: 'sealed' };
  site.customerDataMatch = { threshold: 0.95, acceptAccountless: false };
  em.create(Transaction, {
    site,
    provider: 'cardgateway',
    kind: TransactionKind.SALE,
    status: TransactionStatus.PENDING,
    amountMinor: 5n,
    currency: 'JPY' as CurrencyCode,
    reference: 'no-relations',
  });
  await em.flush();
}

describe('read snapshots', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => {
    ({ t, m } = await TestApp.withMerchant());
    const partner = await t.partner();
    const grant = await t.sites().grantPartner(m.site, partner.site, [Scope.READ]);
    const old = await t.merchant(undefined, 'Old keys');
    const em = t.em();
    em.getReference(PartnerGrant, grant.id).revokedAt = new Date('2026-03-01T00:00:00.001Z');
    const key = await em.findOneOrFail(ApiKey, { site: old.site.id });
    Object.assign(key, { lastUsedAt: new Date('2026-03-02T00:00:00.002Z'), revokedAt: new Date('2026-03-03T00:00:00.003Z') });
    await em.flush();
    await seedEveryColumn(t.em(), m.site.id);
  });
  afterAll(() => t?.close());

  it.each(READ_ENTITIES.map((entity) => [entity.name, entity] as const))(
    'maps every %s row to the same values the ORM hydrates, relations as references by id',
    async (_name, entity) => {
      const em = t.em();
      const table = snapshots(em, entity);
      const rows = await em.execute<Record<string, unknown>[]>(`select ${table.columns} from ${table.table} t`);
      const hydrated = new Map((await t.em().find(entity, {})).map((e) => [e.id, e]));
      const meta = em.getMetadata().get(entity) as EntityMetadata;
      const everSet = new Set<string>();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const snapshot = table.map(row) as Record<string, unknown>;
        const orm = hydrated.get(String(row.id)) as Record<string, unknown>;
        expect(snapshot).toBeInstanceOf(entity);
        for (const prop of meta.props) {
          const [ours, theirs] = [snapshot[prop.name], orm[prop.name]];
          if (ours !== null) everSet.add(prop.name);
          if (prop.kind === ReferenceKind.SCALAR) {
            expect({ [prop.name]: ours ?? null }).toEqual({ [prop.name]: theirs ?? null });
          } else {
            expect({ [prop.name]: (ours as { id?: string } | null)?.id ?? null }).toEqual({ [prop.name]: (theirs as { id?: string } | null)?.id ?? null });
            if (ours) expect(ours).toBeInstanceOf(prop.targetMeta!.class);
          }
        }
      }
      // Each property had a value in some row, so a wrong conversion could not hide behind null.
      expect(meta.props.map((p) => p.name).filter((name) => !everSet.has(name))).toEqual([]);
    },
  );

  it('keeps typed values: bigint amounts, Date timestamps, parsed json, date-only strings', async () => {
    const em = t.em();
    const table = snapshots(em, Transaction);
    const [row] = await em.execute<Record<string, unknown>[]>(`select ${table.columns} from ${table.table} t where t."reference" = 'no-relations'`);
    const tx = table.map(row);
    expect(tx.amountMinor).toBe(5n);
    expect(tx.capturedMinor).toBe(0n);
    expect(tx.createdAt).toBeInstanceOf(Date);
    expect(tx.order ?? null).toBeNull();
    const customers = snapshots(em, Customer);
    const [c] = await em.execute<Record<string, unknown>[]>(`select ${customers.columns} from ${customers.table} t where t."birth_date" is not null`);
    expect(customers.map(c).birthDate).toBe('1815-12-10');
    expect(customers.map(c).metadata).toEqual({ tier: 'gold' });
  });

  it('is not managed: changing a snapshot writes nothing on flush', async () => {
    const em = t.em();
    const table = snapshots(em, Order);
    const [row] = await em.execute<Record<string, unknown>[]>(`select ${table.columns} from ${table.table} t where t."provider_order_id" = 'pnm-1'`);
    const order = table.map(row);
    order.description = 'changed';
    await em.flush();
    expect((await t.em().findOneOrFail(Order, order.id)).description).toBe('Analytical engine');
  });

  it("holds its values as plain own properties, an instance of the entity, without running the ORM's setters", async () => {
    const em = t.em();
    const table = snapshots(em, Transaction);
    const [row] = await em.execute<Record<string, unknown>[]>(`select ${table.columns} from ${table.table} t where t."order_id" is not null limit 1`);
    const tx = table.map(row);
    expect(tx).toBeInstanceOf(Transaction);
    expect(tx.order).toBeInstanceOf(Order);
    // The ORM's prototype setters would have moved each value into a per-instance accessor over its helper.
    for (const name of table.properties) {
      expect(Object.getOwnPropertyDescriptor(tx, name)).toEqual(expect.objectContaining({ writable: true, enumerable: true }));
      expect(Object.getOwnPropertyDescriptor(tx, name)).not.toHaveProperty('get');
    }
    expect(Object.keys(tx)).toEqual(table.properties);
    expect(Object.keys(tx.order!)).toEqual(['id']);
    expect((tx as unknown as { __helper?: { __data: object } }).__helper?.__data ?? {}).toEqual({});
  });

  it('refuses entities it cannot snapshot faithfully, such as one with a collection', () => {
    // No entity has a collection today: one is made from Order's metadata with a one-to-many added.
    const order = t.em().getMetadata().get(Order) as EntityMetadata;
    const withCollection = { ...order, className: 'OrderWithLines', props: [...order.props, { name: 'lines', kind: ReferenceKind.ONE_TO_MANY }] } as unknown as EntityMetadata;
    const em = { getMetadata: () => ({ get: () => withCollection }), getPlatform: () => t.em().getPlatform() } as unknown as EntityManager;
    expect(() => snapshots(em, Order)).toThrow(/OrderWithLines: lines \(1:m\) is not supported/);
  });
});
