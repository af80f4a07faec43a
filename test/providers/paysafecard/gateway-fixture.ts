import { randomUUID } from 'node:crypto';
import { Site } from '../../../src/domain/sites/site.entity';
import type { CustomerMatchSettings } from '../../../src/domain/customers/customer-match';
import type { PaysafecardSandbox } from '../../../src/providers/paysafecard/sandbox/server';
import { cardMerchant, PAY, TRANSACTION } from '../../integration/payments/payments-fixture';
import { TestApp, type TestSite } from '../../support/app';
import { customerPays, MAX } from './sandbox-client';

const CREATE_CUSTOMER = 'mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code field } } }';

/** The sandbox's account holder (the document's example customer), as a merchant would know them. */
export const MAX_PERSON = { firstName: 'Max Michael', lastName: 'Musterman', birthDate: '1990-09-28', email: 'max.mustermann@hotmail.com' };

export interface Person {
  firstName?: string;
  middleName?: string;
  lastName?: string;
  birthDate?: string;
  email?: string;
}

/** The gateway on embedded PostgreSQL, listening on loopback (notifications come over HTTP), with the paysafecard sandbox. */
export class PaysafecardGateway {
  private constructor(
    readonly t: TestApp,
    readonly sandbox: PaysafecardSandbox,
    readonly merchant: TestSite,
  ) {}

  static async start(): Promise<PaysafecardGateway> {
    const t = await TestApp.start({ RECONCILE_INTERVAL_MS: '0', RECONCILE_AFTER_MS: '0' });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const sandbox = t.running.providers.sandboxes.paysafecard!;
    return new PaysafecardGateway(t, sandbox, await cardMerchant(t, 'paysafecard merchant'));
  }

  gql(query: string, input: Record<string, unknown>) {
    return this.t.gql(query, { input: { idempotencyKey: randomUUID(), ...input } }, { key: this.merchant.key });
  }

  async customer(person: Person): Promise<string> {
    const res = await this.t.gql(CREATE_CUSTOMER, { input: { externalId: randomUUID(), ...person } }, { key: this.merchant.key });
    expect(res.data?.createCustomer.userErrors).toEqual([]);
    return res.data!.createCustomer.customer.id;
  }

  async settings(match: Partial<CustomerMatchSettings> | null): Promise<void> {
    await this.t.em().nativeUpdate(Site, { id: this.merchant.site.id }, { customerDataMatch: match });
  }

  /** pay → REQUIRES_ACTION with the panel's auth_url. */
  async pay(customerId?: string, amount = '10.00') {
    const res = await this.gql(PAY, { provider: 'paysafecard', amount: { amount, currency: 'EUR' }, customerId });
    expect(res.data?.pay.userErrors).toEqual([]);
    return res.data!.pay.transaction as { id: string; status: string; reference: string; providerTransactionId: string; nextAction: { url: string } };
  }

  async txn(id: string) {
    const res = await this.t.gql(TRANSACTION, { id }, { key: this.merchant.key });
    return res.data!.node as { status: string; declineCode: string | null; declineReason: string | null; declineReasonCode: string | null; capturedAmount: { amount: string } };
  }

  /** Waits (bounded) until the payment left the customer's step. */
  async settled(id: string, ms = 10_000) {
    const until = Date.now() + ms;
    for (;;) {
      const txn = await this.txn(id);
      if (!['REQUIRES_ACTION', 'PROCESSING', 'OUTCOME_UNKNOWN', 'PENDING'].includes(txn.status) || Date.now() > until) return txn;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The whole customer journey without a browser: pay, the customer's choice at the panel, the notification. */
  async journey(person: Person | undefined, choice: Parameters<typeof customerPays>[2]) {
    const txn = await this.pay(person ? await this.customer(person) : undefined);
    expect(txn.status).toBe('REQUIRES_ACTION');
    expect((await customerPays(this.sandbox, txn.providerTransactionId, choice)).status).toBe(200);
    return { txn, settled: await this.settled(txn.id) };
  }

  /** A customer (Max) with one paid payment, for tests of what comes after a payment (refunds, payouts). */
  async paidCustomer(): Promise<{ customerId: string; paymentId: string }> {
    const customerId = await this.customer(MAX_PERSON);
    const { txn, settled } = await this.journey(MAX_PERSON, MAX);
    expect(settled.status).toBe('SUCCEEDED');
    return { customerId, paymentId: txn.id };
  }

  sandboxPayment(id: string) {
    return this.sandbox.state.payments.get(id)!;
  }

  close() {
    return this.t.close();
  }
}
