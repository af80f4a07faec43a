import { TransactionEvent } from '../../src/domain/transactions/transaction-event.entity';
import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { idOf } from '../../src/graphql/common/global-id';
import { PAY, TRANSACTION, card, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

/**
 * Issue 6 part 1 item 1: the notification checksum covers paymentId | merchantTransactionId | amount | short
 * status, not the long `status`, the currency or the payment/payout distinction. The 3-D Secure return form the
 * customer's browser carries is signed the same way, so the customer holds a valid checksum for their payment.
 */
const THREE_DS_CARD = '4000000000003220';
const CREATE_ORDER = `mutation($input: CreateOrderInput!) { createOrder(input: $input) { order { id status } userErrors { code } } }`;
const ORDER = `query($id: ID!) { node(id: $id) { ... on Order { status } } }`;

describe('issue 6: a customer cannot forge a payment outcome from a signed 3-D Secure return form', () => {
  let f: PaymentsFixture;
  let n = 0;
  beforeAll(async () => {
    f = await startPaymentsFixture({ RECONCILE_AFTER_MS: '0' });
  });
  afterAll(() => f?.t.close());
  afterEach(() => Object.assign(f.sandbox.state.knobs, { sendCallbacks: true, callbackDelayMs: 0, fail503: 0 }));

  async function order(amount: string): Promise<string> {
    const res = await f.gql(CREATE_ORDER, { input: { reference: `forge-${++n}`, amount: { amount, currency: 'EUR' } } });
    return res.data!.createOrder.order.id;
  }

  async function payWith3ds(extra: Record<string, unknown> = {}) {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '42.00', currency: 'EUR' }, source: { card: card(THREE_DS_CARD) }, returnUrl: 'https://shop.example/back', ...extra } });
    const txn = res.data!.pay.transaction;
    expect(txn.status).toBe('REQUIRES_ACTION');
    return txn as { id: string; reference: string; nextAction: { url: string } };
  }

  /** The customer's browser at the ACS: press a button, get back the self-submitting return form's fields. */
  async function answerAcs(redirectUrl: string, outcome: 'authenticate' | 'fail'): Promise<Record<string, string>> {
    const acs = await (await fetch(redirectUrl)).text();
    const action = /<form method="post" action="([^"]+)"/.exec(acs)![1];
    const key = /name="key" value="([^"]+)"/.exec(acs)![1];
    const done = await fetch(new URL(action, redirectUrl), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key, outcome }).toString() });
    const html = await done.text();
    const decode = (s: string) => s.replace(/&#(\d+);/g, (_m, c) => String.fromCharCode(Number(c)));
    return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], decode(m[2])]));
  }

  const forge = (fields: Record<string, string>) =>
    fetch(`${f.t.running.providers.registry.publicUrl()}/callbacks/cardgateway`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) });

  const row = (id: string) => f.t.em().findOneOrFail(Transaction, { id: idOf(id, 'Transaction') });
  const statusOf = async (id: string) => (await f.gql(TRANSACTION, { id })).data!.node.status as string;

  async function genuineNotificationFor(reference: string) {
    for (let i = 0; i < 100; i++) {
      const sent = f.sandbox.state.callbacks.find((c) => c.body.merchantTransactionId === reference);
      if (sent && (sent.httpStatus !== undefined || sent.error !== undefined)) return sent;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the sandbox never delivered the notification');
  }

  it('keeps a payment failed at the ACS unpaid when its return form is posted as "capturesuccess", and still applies the genuine notification', async () => {
    f.sandbox.state.knobs.callbackDelayMs = 1_500;
    const orderId = await order('42.00');
    const txn = await payWith3ds({ orderId });
    const form = await answerAcs(txn.nextAction.url, 'fail');
    expect(form.status).toBe('N');
    await forge({ ...form, status: 'capturesuccess', transactionStatus: form.status });
    expect(await statusOf(txn.id)).not.toBe('SUCCEEDED');
    expect((await row(txn.id)).capturedMinor).toBe(0n);
    expect((await f.gql(ORDER, { id: orderId })).data!.node.status).not.toBe('PAID');

    const genuine = await genuineNotificationFor(txn.reference);
    expect(genuine.httpStatus).toBe(200);
    expect(await statusOf(txn.id)).toBe('DECLINED');
    expect((await f.gql(ORDER, { id: orderId })).data!.node.status).toBe('OPEN');
  });

  it('lets the genuine notification settle the payment when the forged post came first and could not be confirmed', async () => {
    f.sandbox.state.knobs.callbackDelayMs = 1_500;
    const txn = await payWith3ds();
    const form = await answerAcs(txn.nextAction.url, 'fail');
    f.sandbox.state.knobs.fail503 = 1;
    await forge({ ...form, status: 'capturesuccess', transactionStatus: form.status });
    expect(await statusOf(txn.id)).toBe('REQUIRES_ACTION');
    const genuine = await genuineNotificationFor(txn.reference);
    expect(genuine.httpStatus).toBe(200);
    expect(await statusOf(txn.id)).toBe('DECLINED');
  });

  it('does not capture an authorization (captureLater) when its signed return form is posted as "capturesuccess"', async () => {
    f.sandbox.state.knobs.sendCallbacks = false;
    const txn = await payWith3ds({ captureLater: true });
    const form = await answerAcs(txn.nextAction.url, 'authenticate');
    expect(form.status).toBe('Y');
    await forge({ ...form, status: 'capturesuccess', transactionStatus: form.status });
    expect(await statusOf(txn.id)).toBe('AUTHORIZED');
    expect((await row(txn.id)).capturedMinor).toBe(0n);
    expect((await sandboxRequests(f.sandbox)).filter((r) => r.body.paymentType === 'CP')).toHaveLength(0);
  });

  it('ignores a forged payout/payment distinction: a failed payment posted as "payoutsuccessful" stays unpaid', async () => {
    f.sandbox.state.knobs.sendCallbacks = false;
    const txn = await payWith3ds();
    const form = await answerAcs(txn.nextAction.url, 'fail');
    await forge({ ...form, status: 'payoutsuccessful', transactionStatus: form.status });
    expect(await statusOf(txn.id)).not.toBe('SUCCEEDED');
    expect((await row(txn.id)).capturedMinor).toBe(0n);
  });

  it('ignores a forged currency: the payment records what the provider says, with no mismatch', async () => {
    f.sandbox.state.knobs.sendCallbacks = false;
    const txn = await payWith3ds();
    const form = await answerAcs(txn.nextAction.url, 'authenticate');
    await forge({ ...form, currency: 'USD', status: 'capturesuccess', transactionStatus: form.status });
    const settled = await row(txn.id);
    expect(settled.mismatch ?? null).toBeNull();
    expect(await f.t.em().count(TransactionEvent, { transaction: settled.id, type: 'amount_mismatch' })).toBe(0);
  });
});
