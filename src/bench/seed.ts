import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { Customer } from '../domain/customers/customer.entity';
import { parseCurrency } from '../kernel/money';
import { Order, OrderStatus } from '../domain/orders/order.entity';
import { PaymentMethod, PaymentMethodType } from '../domain/payment-methods/payment-method.entity';
import type { CredentialCipher } from '../domain/sites/credentials';
import { SiteKind } from '../domain/sites/site.entity';
import { DEMO_MERCHANT } from '../providers/cardgateway/sandbox/server';
import { ALL_SCOPES, SiteService } from '../domain/sites/site.service';
import { Transaction } from '../domain/transactions/transaction.entity';
import { TransactionKind, TransactionStatus } from '../domain/transactions/transaction-status';
import { PROVIDER_MODULES } from '../providers/catalog';

export interface SeedShape {
  orders: number;
  methodsPerCustomer: number;
  transactionsPerOrder: number;
}

export interface Seeded {
  siteId: string;
  apiKey: string;
}

const EUR = parseCurrency('EUR');
const BRANDS = ['visa', 'mastercard', 'amex'];
/** The rows only name a provider; none is called while reading them. */
const PROVIDER = PROVIDER_MODULES[0].key;

/**
 * A merchant with `orders` orders, each with its own customer, the customer's saved cards and the order's
 * transactions, timestamps spread a second apart so pages are ordered the same way on every run.
 */
export async function seed(em: EntityManager, cipher: CredentialCipher, shape: SeedShape): Promise<Seeded> {
  const sites = new SiteService(em, cipher);
  const site = await sites.createSite('Benchmark merchant', SiteKind.MERCHANT);
  const { plaintext } = await sites.createApiKey(site, 'benchmark key', ALL_SCOPES);
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < shape.orders; i++) {
    const at = (offset: number) => new Date(start + i * 1000 + offset);
    const customer = em.create(Customer, { site, externalId: `cust-${i}`, email: `customer${i}@example.com`, firstName: 'Ada', lastName: `Lovelace ${i}`, createdAt: at(0), updatedAt: at(0) });
    for (let m = 0; m < shape.methodsPerCustomer; m++) {
      em.create(PaymentMethod, {
        site, customer, provider: PROVIDER, type: PaymentMethodType.CARD, brand: BRANDS[m % BRANDS.length],
        first6: '411111', last4: String(1000 + ((i * 7 + m) % 9000)), expMonth: 1 + (m % 12), expYear: 2030,
        providerToken: `tok_${randomUUID()}`, createdAt: at(m + 1), updatedAt: at(m + 1),
      });
    }
    const amountMinor = BigInt(1000 + i * 37);
    const order = em.create(Order, { site, customer, reference: `ORD-${i}`, amountMinor, currency: EUR, status: OrderStatus.PAID, createdAt: at(0), updatedAt: at(0) });
    for (let t = 0; t < shape.transactionsPerOrder; t++) {
      const succeeded = t === shape.transactionsPerOrder - 1;
      em.create(Transaction, {
        site, order, customer, provider: PROVIDER, kind: TransactionKind.SALE,
        status: succeeded ? TransactionStatus.SUCCEEDED : TransactionStatus.DECLINED,
        amountMinor, currency: EUR, capturedMinor: succeeded ? amountMinor : 0n,
        reference: `bench-${randomUUID()}`, declineCode: succeeded ? undefined : '05',
        createdAt: at(t + 1), updatedAt: at(t + 1),
      });
    }
  }
  await em.flush();
  return { siteId: site.id, apiKey: plaintext };
}

/** A merchant with the sandbox's demo card-gateway account: the write cases pay as it (one per server measured). */
export async function seedPayer(em: EntityManager, cipher: CredentialCipher, name: string): Promise<Seeded> {
  const sites = new SiteService(em, cipher);
  const site = await sites.createSite(name, SiteKind.MERCHANT, { cardgateway: { ...DEMO_MERCHANT } });
  const { plaintext } = await sites.createApiKey(site, `${name} key`, ALL_SCOPES);
  return { siteId: site.id, apiKey: plaintext };
}
