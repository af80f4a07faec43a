import manifest from '../../../schema/trusted-documents.json';
import { wsClient, type WsClient } from '../../support/ws-client';
import { card, startPaymentsFixture, type PaymentsFixture } from '../payments/payments-fixture';
import { baseUrl, newClientToken, newOrder, runTrusted, trustedHash } from './client-token-fixture';

const SHOP = 'http://shop.example.test:8080';
const eur = (amount: string) => ({ amount, currency: 'EUR' });
/** The exact text of a trusted document, as the typed client sends it over WebSocket. */
const trusted = (operationName: string) => (manifest as Record<string, { query: string }>)[trustedHash(operationName)]!.query;

/**
 * Issue 12, item 2: a client token subscribes like any key, but sees only its order. The same gate as over HTTP
 * (trusted documents, then the client-token rules) runs on every subscribe message.
 */
describe('client tokens over WebSocket: a checkout page follows its own order and nothing else', () => {
  let f: PaymentsFixture;
  let token: string;
  let orderId: string;
  let transactionId: string;
  let otherTransactionId: string;
  let ws: WsClient;

  async function payOrder(order: string, withToken: string): Promise<string> {
    const tokenized = await runTrusted(f, withToken, 'TokenizeCard', { input: { provider: 'cardgateway', card: card() } }, SHOP);
    const methodId = tokenized.body.data.tokenizeCard.paymentMethod.id;
    const paid = await runTrusted(f, withToken, 'Pay', { input: { orderId: order, source: { paymentMethodId: methodId }, amount: eur('20.00') } }, SHOP);
    expect(paid.body.data.pay.userErrors).toEqual([]);
    return paid.body.data.pay.transaction.id;
  }

  beforeAll(async () => {
    f = await startPaymentsFixture();
    orderId = await newOrder(f, 'ct-ws-1', '20.00');
    token = await newClientToken(f, { orderId, allowedOrigins: [SHOP], expiresInSeconds: 600 });
    transactionId = await payOrder(orderId, token);
    const otherOrder = await newOrder(f, 'ct-ws-2', '20.00');
    otherTransactionId = await payOrder(otherOrder, await newClientToken(f, { orderId: otherOrder, allowedOrigins: [SHOP], expiresInSeconds: 600 }));
    ws = wsClient(baseUrl(f), { Authorization: `Bearer ${token}` }, { origin: SHOP });
  });
  afterAll(async () => {
    await ws?.dispose();
    await f?.t.close();
  });

  it('follows its order and that order’s transaction with the trusted documents', async () => {
    const transaction = ws.subscribe(trusted('TransactionUpdated'), { id: transactionId }, (d) => d.transactionUpdated);
    expect((await transaction.until((items) => items.length > 0))[0]).toMatchObject({ id: transactionId, status: 'SUCCEEDED' });
    const order = ws.subscribe(trusted('OrderUpdated'), { id: orderId }, (d) => d.orderUpdated);
    expect((await order.until((items) => items.length > 0))[0]).toMatchObject({ id: orderId, status: 'PAID' });
    expect([...transaction.errors, ...order.errors]).toEqual([]);
    transaction.stop();
    order.stop();
  });

  it('is refused another order’s transaction, the site-wide feeds, and any document that is not registered', async () => {
    const refusedWith = async (query: string, variables: Record<string, unknown>) => {
      const received = ws.subscribe(query, variables);
      await received.until(() => received.errors.length > 0 || received.completed);
      expect(received.items).toEqual([]);
      return (received.errors[0] as { message: string; extensions?: { code?: string } }) ?? {};
    };
    expect(await refusedWith(trusted('TransactionUpdated'), { id: otherTransactionId })).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('only the transactions of the order they name') });
    expect(await refusedWith(trusted('Events'), {})).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('cannot run events') });
    const adHoc = `subscription($id: ID!) { orderUpdated(id: $id) { id status } }`;
    expect(await refusedWith(adHoc, { id: orderId })).toMatchObject({ extensions: { code: 'PERSISTED_QUERY_NOT_TRUSTED' } });
  });

  it('gets no socket from a page on an origin the token does not allow', async () => {
    const elsewhere = wsClient(baseUrl(f), { Authorization: `Bearer ${token}` }, { origin: 'http://evil.example.test' });
    try {
      expect(await elsewhere.closed).toMatchObject({ code: 4403, reason: expect.stringContaining('is not allowed for this client token') });
    } finally {
      await elsewhere.dispose();
    }
  });
});
