import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Customer } from '../../src/domain/customers/customer.entity';
import type { CurrencyCode } from '../../src/kernel/money';
import { Order, OrderStatus } from '../../src/domain/orders/order.entity';
import { PaymentMethod, PaymentMethodType } from '../../src/domain/payment-methods/payment-method.entity';
import { Payout, PayoutStatus } from '../../src/domain/payouts/payout.entity';
import { Refund, RefundStatus, RefundStep } from '../../src/domain/refunds/refund.entity';
import { ScheduledPayment, ScheduledPaymentStatus } from '../../src/domain/scheduled-payments/scheduled-payment.entity';
import { ScheduledPaymentEvent } from '../../src/domain/scheduled-payments/scheduled-payment-event.entity';
import { Site } from '../../src/domain/sites/site.entity';
import { TransactionEvent } from '../../src/domain/transactions/transaction-event.entity';
import { TransactionKind, TransactionStatus } from '../../src/domain/transactions/transaction-status';
import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { PROVIDER_MODULES } from '../../src/providers/catalog';
import { DeclineReasonCode } from '../../src/providers/decline-codes';

/** Seeded rows only name a provider (the catalog's first); reading them calls none. */
const PROVIDER = PROVIDER_MODULES[0].key;

/** Rows for read tests, inserted through the ORM the way the services would leave them. */
export interface SeededOrder {
  order: Order;
  customer: Customer;
  methods: PaymentMethod[];
  transactions: Transaction[];
}

export interface SeedOptions {
  /** createdAt of the i-th order; defaults to one second apart, oldest first. */
  createdAt?: (i: number) => Date;
  currency?: string;
  prefix?: string;
}

const BASE = Date.UTC(2026, 0, 1);

/** `count` orders, each with its own customer, two saved cards and two transactions with one event each. */
export async function seedOrders(em: EntityManager, siteId: string, count: number, options: SeedOptions = {}): Promise<SeededOrder[]> {
  const site = em.getReference(Site, siteId);
  const currency = (options.currency ?? 'EUR') as CurrencyCode;
  const prefix = options.prefix ?? randomUUID().slice(0, 8);
  const seeded: SeededOrder[] = [];
  for (let i = 0; i < count; i++) {
    const createdAt = options.createdAt?.(i) ?? new Date(BASE + i * 1000);
    const customer = em.create(Customer, { site, email: `c${i}-${prefix}@example.com`, externalId: `${prefix}-c${i}`, createdAt });
    const methods = [0, 1].map((m) =>
      em.create(PaymentMethod, {
        site,
        customer,
        provider: PROVIDER,
        type: PaymentMethodType.CARD,
        brand: 'VISA',
        first6: '411111',
        last4: m ? '1111' : '0002',
        expMonth: 12,
        expYear: 2030,
        providerToken: `tok-${prefix}-${i}-${m}`,
        createdAt: new Date(createdAt.getTime() + m),
      }),
    );
    const order = em.create(Order, {
      site,
      customer,
      reference: `${prefix}-o${i}`,
      amountMinor: 1000n + BigInt(i),
      currency,
      status: i % 2 ? OrderStatus.PAID : OrderStatus.OPEN,
      createdAt,
    });
    const transactions = methods.map((method, t) =>
      em.create(Transaction, {
        site,
        order,
        customer,
        paymentMethod: method,
        provider: PROVIDER,
        kind: TransactionKind.SALE,
        status: t ? TransactionStatus.SUCCEEDED : TransactionStatus.DECLINED,
        amountMinor: order.amountMinor,
        capturedMinor: t ? order.amountMinor : 0n,
        currency,
        reference: `${prefix}-t${i}-${t}`,
        declineCode: t ? undefined : '05',
        declineReason: t ? undefined : 'Do not honor',
        declineReasonCode: t ? undefined : DeclineReasonCode.DO_NOT_HONOR,
        createdAt: new Date(createdAt.getTime() + 10 + t),
      }),
    );
    for (const tx of transactions) {
      em.create(TransactionEvent, { transaction: tx, type: 'status_changed', fromStatus: TransactionStatus.PENDING, toStatus: tx.status, createdAt: tx.createdAt });
    }
    seeded.push({ order, customer, methods, transactions });
  }
  await em.flush();
  return seeded;
}

export interface SeededExtras {
  refund: Refund;
  payout: Payout;
  scheduled: ScheduledPayment;
  scheduledEvent: ScheduledPaymentEvent;
}

/** A refund of the succeeded transaction, a payout to the customer and a scheduled payment for the order. */
export async function seedExtras(em: EntityManager, siteId: string, { order, customer, methods, transactions }: SeededOrder): Promise<SeededExtras> {
  const site = em.getReference(Site, siteId);
  const tx = em.getReference(Transaction, transactions[1].id);
  const refund = em.create(Refund, {
    site,
    transaction: tx,
    amountMinor: 250n,
    currency: transactions[1].currency,
    reason: 'damaged',
    status: RefundStatus.SUCCEEDED,
    reference: `rf-${randomUUID()}`,
    step: RefundStep.CAPTURE,
  });
  const payout = em.create(Payout, {
    site,
    customer: em.getReference(Customer, customer.id),
    paymentMethod: em.getReference(PaymentMethod, methods[0].id),
    provider: 'paysafecard',
    amountMinor: 5000n,
    currency: 'EUR' as CurrencyCode,
    status: PayoutStatus.DECLINED,
    failureCode: 'LIMIT',
    failureReason: 'payout limit exceeded',
    reference: `po-${randomUUID()}`,
  });
  const scheduled = em.create(ScheduledPayment, {
    site,
    order: em.getReference(Order, order.id),
    customer: em.getReference(Customer, customer.id),
    paymentMethod: em.getReference(PaymentMethod, methods[1].id),
    transaction: tx,
    provider: 'paynearme',
    amountMinor: order.amountMinor,
    currency: order.currency,
    scheduledFor: new Date('2026-06-01T09:00:00.000Z'),
    status: ScheduledPaymentStatus.SUCCEEDED,
  });
  const scheduledEvent = em.create(ScheduledPaymentEvent, { scheduledPayment: scheduled, type: 'paid', fromStatus: ScheduledPaymentStatus.PROCESSING, toStatus: ScheduledPaymentStatus.SUCCEEDED });
  await em.flush();
  return { refund, payout, scheduled, scheduledEvent };
}
