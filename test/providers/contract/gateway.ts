import { randomUUID } from 'node:crypto';
import { toDecimal, toMinor, type CurrencyCode } from '../../../src/kernel/money';
import { TransactionEvent } from '../../../src/domain/transactions/transaction-event.entity';
import { idOf, toGlobalId } from '../../../src/graphql/common/global-id';
import { Order } from '../../../src/domain/orders/order.entity';
import { Site } from '../../../src/domain/sites/site.entity';
import type { ProviderSandbox } from '../../../src/providers/provider';
import { PAY, TRANSACTION, card, cardMerchant } from '../../integration/payments/payments-fixture';
import { TestApp, type TestSite } from '../../support/app';
import type { ContractSpec, Notification } from './contract-spec';

export interface Txn {
  id: string;
  status: string;
  reference: string;
  providerTransactionId: string | null;
  capturedMinor: bigint;
  refundedMinor: bigint;
}

/**
 * The gateway as production wires it (real PostgreSQL, a real loopback port for callbacks, the catalog's
 * sandboxes), a merchant holding every provider's demo credentials, and the calls the engine contract makes.
 * The reconciler runs only when a test says so, so each recovery is the one the test asked for.
 */
export class ContractGateway<S extends ProviderSandbox> {
  private constructor(
    readonly t: TestApp,
    readonly sandbox: S,
    private readonly merchant: TestSite,
    private readonly spec: ContractSpec<S>,
    /** The gateway order every payment is made against, when the provider holds orders (ContractSpec.providerOrderId). */
    private readonly orderId?: string,
  ) {}

  static async start<S extends ProviderSandbox>(spec: ContractSpec<S>): Promise<ContractGateway<S>> {
    // The call deadline falls well before the slow card answers, and leaves every other call time on a busy machine.
    const deadline = Math.min(2_000, Math.floor((spec.slowMs * 2) / 3));
    const t = await TestApp.start({ RECONCILE_INTERVAL_MS: '0', RECONCILE_AFTER_MS: '0', PROVIDER_TIMEOUT_MS: String(deadline) });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const sandbox = (t.running.providers.sandboxes as Record<string, ProviderSandbox | undefined>)[spec.module.key];
    if (!sandbox) throw new Error(`${spec.module.key} is not in the catalog (src/providers/catalog.ts)`);
    const merchant = await cardMerchant(t, `${spec.module.key} contract`);
    return new ContractGateway(t, sandbox as S, merchant, spec, spec.providerOrderId && (await providerOrder(t, merchant, spec)));
  }

  get currency(): CurrencyCode {
    return this.spec.currency;
  }

  amount = (minor: bigint) => ({ amount: toDecimal(minor, this.currency), currency: this.currency as string });

  async gql(query: string, input: Record<string, unknown>) {
    const res = await this.t.gql(query, { input: { idempotencyKey: randomUUID(), ...input } }, { key: this.merchant.key });
    expect(res.status).toBeLessThan(500);
    return res;
  }

  async pay(number: string, amountMinor: bigint, captureLater = false): Promise<Txn> {
    const source = this.spec.source ? this.spec.source.graphql(number) : { card: card(number) };
    const order = this.orderId ? { orderId: this.orderId } : {};
    const res = await this.gql(PAY, { provider: this.spec.module.key, ...order, amount: this.amount(amountMinor), source, captureLater, returnUrl: 'https://shop.example/back' });
    expect(res.data?.pay.userErrors).toEqual([]);
    return this.read(res.data!.pay.transaction);
  }

  /** A payment the customer makes at the provider (payments.redirect): no card. */
  async payRedirect(amountMinor: bigint): Promise<Txn> {
    const res = await this.gql(PAY, { provider: this.spec.module.key, amount: this.amount(amountMinor), returnUrl: 'https://shop.example/back' });
    expect(res.data?.pay.userErrors).toEqual([]);
    return this.read(res.data!.pay.transaction);
  }

  async txn(id: string): Promise<Txn> {
    const res = await this.t.gql(`${TRANSACTION}`, { id }, { key: this.merchant.key });
    return this.read(res.data!.node);
  }

  private read(node: { id: string; status: string; reference: string; providerTransactionId: string | null; capturedAmount: { amount: string }; refundedAmount: { amount: string } }): Txn {
    const minor = (amount: string) => toMinor(amount, this.currency);
    return { id: node.id, status: node.status, reference: node.reference, providerTransactionId: node.providerTransactionId, capturedMinor: minor(node.capturedAmount.amount), refundedMinor: minor(node.refundedAmount.amount) };
  }

  /** Events recorded on the payment: a notification that changes nothing adds none. */
  events(id: string): Promise<number> {
    return this.t.em().count(TransactionEvent, { transaction: idOf(id, 'Transaction') });
  }

  reconcile(): Promise<unknown> {
    return this.t.running.reconciler.runOnce();
  }

  /** Posts a notification to POST /callbacks/{key} over HTTP, as the provider would. */
  async post(notification: Notification): Promise<number> {
    const url = `${this.t.running.providers.registry.publicUrl()}/callbacks/${this.spec.module.key}`;
    return (await fetch(url, { method: 'POST', headers: notification.headers, body: notification.body })).status;
  }

  close(): Promise<void> {
    return this.t.close();
  }
}

/** A gateway order linked to the provider's order, with room for every payment the contract makes. */
async function providerOrder<S extends ProviderSandbox>(t: TestApp, merchant: TestSite, spec: ContractSpec<S>): Promise<string> {
  const em = t.em();
  const order = em.create(Order, {
    site: em.getReference(Site, merchant.site.id),
    reference: `contract-${spec.module.key}-${randomUUID()}`,
    amountMinor: 10n ** 9n,
    currency: spec.currency,
    provider: spec.module.key,
    providerOrderId: spec.providerOrderId,
  });
  await em.flush();
  return toGlobalId('Order', order.id);
}
