import type { AddressInfo } from 'node:net';
import { PaygraphClient, PaygraphError } from '../../src/client/client';
import {
  CapturePaymentDocument,
  CreateCustomerDocument,
  CreateOrderDocument,
  CustomersDocument,
  OrderDocument,
  PayDocument,
  RefundPaymentDocument,
  TransactionDocument,
  ViewerDocument,
  type CustomersQuery,
  type ViewerQuery,
} from '../../src/client/generated/graphql';
import { Customer } from '../../src/domain/customers/customer.entity';
import { Order } from '../../src/domain/orders/order.entity';
import { ALL_SCOPES, Scope, TestApp } from '../support/app';
import { card, chargesAt, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

/** The generated documents and the fetch client against the real server on a loopback port. */
describe('typed client over HTTP', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await TestApp.start();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => t?.close());

  it('returns the typed viewer for a merchant key', async () => {
    const merchant = await t.merchant([Scope.READ, Scope.PAY], 'Typed merchant');
    const client = new PaygraphClient({ url, apiKey: merchant.key });
    const result: ViewerQuery = await client.request(ViewerDocument);
    expect(result.viewer).toMatchObject({
      site: { name: 'Typed merchant', kind: 'MERCHANT' },
      actingSite: { name: 'Typed merchant', kind: 'MERCHANT' },
      scopes: ['PAY', 'READ'],
      isPartner: false,
    });
    expect(Number.isNaN(Date.parse(result.viewer.site.createdAt))).toBe(false);
  });

  it('sends X-Acting-Site so a partner acts for the merchant that granted it', async () => {
    const merchant = await t.merchant(ALL_SCOPES, 'Granting merchant');
    const partner = await t.partner('Typed partner');
    await t.sites().grantPartner(merchant.site, partner.site, [Scope.READ]);
    const client = new PaygraphClient({ url, apiKey: partner.key }).forSite(merchant.site.id);
    const { viewer } = await client.request(ViewerDocument);
    expect(viewer).toMatchObject({ site: { name: 'Typed partner' }, actingSite: { name: 'Granting merchant' }, isPartner: true });
    expect(viewer.scopes).toEqual(['READ']);
  });

  it('throws a PaygraphError with the code when the key is wrong', async () => {
    const client = new PaygraphClient({ url, apiKey: 'pk_not_a_real_key' });
    const error = await client.request(ViewerDocument).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PaygraphError);
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('throws FORBIDDEN when a partner names a site that gave it no grant', async () => {
    const stranger = await t.merchant(ALL_SCOPES, 'Stranger');
    const partner = await t.partner('Ungranted partner');
    const client = new PaygraphClient({ url, apiKey: partner.key, actingSite: stranger.site.id });
    await expect(client.request(ViewerDocument)).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('reports a response that is not GraphQL by its HTTP status', async () => {
    const merchant = await t.merchant();
    const client = new PaygraphClient({ url: url.replace('/graphql', '/no-such-endpoint'), apiKey: merchant.key });
    await expect(client.request(ViewerDocument)).rejects.toMatchObject({ name: 'PaygraphError', status: 404 });
  });

  describe('customers and orders', () => {
    let client: PaygraphClient;
    beforeAll(async () => {
      const merchant = await t.merchant(ALL_SCOPES, 'Shop');
      client = new PaygraphClient({ url, apiKey: merchant.key });
    });

    it('creates a customer and an order for it, then reads the order back with exact money', async () => {
      const created = await client.request(CreateCustomerDocument, { input: { email: 'ada@example.com', firstName: 'Ada', externalId: 'c-1' } });
      expect(created.createCustomer!.userErrors).toEqual([]);
      const customerId = created.createCustomer!.customer!.id;
      const order = await client.request(CreateOrderDocument, {
        input: { reference: 'ord-1', amount: { amount: '10.55', currency: 'EUR' }, customerId, metadata: { cart: '42' } },
      });
      expect(order.createOrder!.userErrors).toEqual([]);
      const read = await client.request(OrderDocument, { id: order.createOrder!.order!.id });
      expect(read.order).toMatchObject({
        reference: 'ord-1',
        status: 'OPEN',
        amount: { amount: '10.55', amountMinor: '1055', currency: 'EUR' },
        metadata: { cart: '42' },
        customer: { id: customerId, email: 'ada@example.com' },
        transactions: { nodes: [], pageInfo: { hasNextPage: false } },
      });
    });

    it('sends Idempotency-Key so a retried createCustomer is replayed and writes one row', async () => {
      const input = { email: 'retry@example.com' };
      const first = await client.request(CreateCustomerDocument, { input }, { idempotencyKey: 'client-retry-1' });
      const second = await client.request(CreateCustomerDocument, { input }, { idempotencyKey: 'client-retry-1' });
      expect(first.createCustomer!.replayed).toBe(false);
      expect(second.createCustomer).toMatchObject({ replayed: true, customer: { id: first.createCustomer!.customer!.id } });
      expect(await t.em().count(Customer, { email: 'retry@example.com' })).toBe(1);
    });

    it('returns userErrors as data, not as a thrown error, and writes nothing', async () => {
      const result = await client.request(CreateOrderDocument, { input: { reference: 'ord-bad', amount: { amount: '10.555', currency: 'EUR' } } });
      expect(result.createOrder!.order).toBeNull();
      expect(result.createOrder!.userErrors).toEqual([expect.objectContaining({ code: 'TOO_MANY_DECIMALS', field: ['input', 'amount', 'amount'] })]);
      expect(await t.em().count(Order, { reference: 'ord-bad' })).toBe(0);
    });

    it('pages through customers with first and after', async () => {
      for (const n of [1, 2, 3]) await client.request(CreateCustomerDocument, { input: { externalId: `page-${n}` } });
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: CustomersQuery = await client.request(CustomersDocument, { first: 2, after });
        seen.push(...page.customers!.nodes.map((c) => c.externalId ?? '-'));
        after = page.customers!.pageInfo.hasNextPage ? page.customers!.pageInfo.endCursor : null;
      } while (after);
      expect(seen.filter((id) => id.startsWith('page-'))).toEqual(['page-3', 'page-2', 'page-1']);
      expect(new Set(seen).size).toBe(seen.length);
    });
  });
});

describe('typed client paying through the cardgateway sandbox', () => {
  let f: PaymentsFixture;
  let client: PaygraphClient;
  beforeAll(async () => {
    f = await startPaymentsFixture();
    const url = `http://127.0.0.1:${(f.t.app.server.address() as AddressInfo).port}/graphql`;
    client = new PaygraphClient({ url, apiKey: f.merchant.key });
  });
  afterAll(() => f?.t.close());

  it('authorizes, captures part and refunds part of a card payment, each retried once under its key', async () => {
    const amount = { amount: '25.00', currency: 'EUR' as const };
    const payInput = { input: { provider: 'cardgateway', amount, source: { card: card() }, captureLater: true } };
    const paid = await client.request(PayDocument, payInput, { idempotencyKey: 'typed-pay-1' });
    const retried = await client.request(PayDocument, payInput, { idempotencyKey: 'typed-pay-1' });
    expect(paid.pay!.userErrors).toEqual([]);
    const tx = paid.pay!.transaction!;
    expect(tx).toMatchObject({ status: 'AUTHORIZED', kind: 'AUTHORIZATION', amount: { amountMinor: '2500' }, nextAction: null });
    expect(retried.pay).toMatchObject({ replayed: true, transaction: { id: tx.id } });
    expect(await chargesAt(f.sandbox, tx.reference)).toBe(1);

    const captureInput = { input: { transactionId: tx.id, amount: { amount: '20.00', currency: 'EUR' as const } } };
    const captured = await client.request(CapturePaymentDocument, captureInput, { idempotencyKey: 'typed-capture-1' });
    expect(captured.capturePayment!.userErrors).toEqual([]);
    expect((await client.request(CapturePaymentDocument, captureInput, { idempotencyKey: 'typed-capture-1' })).capturePayment!.replayed).toBe(true);
    expect(captured.capturePayment!.transaction).toMatchObject({ capturedAmount: { amount: '20.00' }, refundableAmount: { amount: '20.00' } });

    const refundInput = { input: { transactionId: tx.id, amount: { amount: '5.50', currency: 'EUR' as const }, reason: 'one item returned' } };
    const refunded = await client.request(RefundPaymentDocument, refundInput, { idempotencyKey: 'typed-refund-1' });
    expect(refunded.refundPayment!.userErrors).toEqual([]);
    expect((await client.request(RefundPaymentDocument, refundInput, { idempotencyKey: 'typed-refund-1' })).refundPayment!.replayed).toBe(true);
    expect(refunded.refundPayment!.refund).toMatchObject({ status: 'SUCCEEDED', amount: { amount: '5.50', amountMinor: '550' } });

    const { transaction } = await client.request(TransactionDocument, { id: tx.id });
    expect(transaction).toMatchObject({ refundedAmount: { amount: '5.50' }, refundableAmount: { amount: '14.50' } });
    expect(transaction!.events.nodes.length).toBeGreaterThanOrEqual(2);
  });

  it('returns a refund above what is refundable as a userError and refunds nothing', async () => {
    const paid = await client.request(PayDocument, { input: { provider: 'cardgateway', amount: { amount: '3.00', currency: 'EUR' }, source: { card: card() } } });
    const tx = paid.pay!.transaction!;
    const refused = await client.request(RefundPaymentDocument, { input: { transactionId: tx.id, amount: { amount: '3.01', currency: 'EUR' } } });
    expect(refused.refundPayment!.refund).toBeNull();
    expect(refused.refundPayment!.userErrors).toHaveLength(1);
    const { transaction } = await client.request(TransactionDocument, { id: tx.id });
    expect(transaction).toMatchObject({ refundedAmount: { amount: '0.00' }, refundableAmount: { amount: '3.00' } });
  });
});

