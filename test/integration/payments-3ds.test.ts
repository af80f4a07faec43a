import { ProviderEvent } from '../../src/domain/provider-events/provider-event.entity';
import { TransactionEvent } from '../../src/domain/transactions/transaction-event.entity';
import { idOf } from '../../src/graphql/common/global-id';
import { PAY, TRANSACTION, card, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

const THREE_DS_CARD = '4000000000003220';

describe('payments: 3-D Secure', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture({ RECONCILE_AFTER_MS: '0' });
  });
  afterAll(() => f?.t.close());
  afterEach(() => {
    f.sandbox.state.knobs.sendCallbacks = true;
  });

  async function payWith3ds() {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '42.00', currency: 'EUR' }, source: { card: card(THREE_DS_CARD) }, returnUrl: 'https://shop.example/back' } });
    const transaction = res.data!.pay.transaction;
    expect(transaction.status).toBe('REQUIRES_ACTION');
    expect(transaction.nextAction).toMatchObject({ __typename: 'RedirectAction', url: expect.stringContaining(f.sandbox.baseUrl) });
    return transaction as { id: string; reference: string; nextAction: { url: string } };
  }

  /** What the customer's browser does: open the ACS page and press "Complete authentication". */
  async function authenticate(redirectUrl: string): Promise<string> {
    const page = await (await fetch(redirectUrl)).text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)![1];
    const key = /name="key" value="([^"]+)"/.exec(page)![1];
    const done = await fetch(new URL(action, redirectUrl), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ key, outcome: 'authenticate' }).toString() });
    return done.text();
  }

  async function statusOf(id: string): Promise<string> {
    return (await f.gql(TRANSACTION, { id })).data!.node.status;
  }

  async function waitFor(id: string, status: string): Promise<void> {
    for (let i = 0; i < 50 && (await statusOf(id)) !== status; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await statusOf(id)).toBe(status);
  }

  it('settles a 3-D Secure payment from the signed callback the provider posts to the gateway', async () => {
    const txn = await payWith3ds();
    await authenticate(txn.nextAction.url);
    await waitFor(txn.id, 'SUCCEEDED');
    // The inbox marks the event processed just after the payment moved: wait for that write too.
    const processed = async () => (await f.t.em().find(ProviderEvent, { provider: 'cardgateway' })).filter((e) => e.processedAt);
    for (let i = 0; i < 50 && (await processed()).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await processed()).toHaveLength(1);
    const settled = (await f.gql(TRANSACTION, { id: txn.id })).data!.node;
    expect(settled).toMatchObject({ capturedAmount: { amount: '42.00' }, nextAction: null });
  });

  it('settles it by polling the provider when the callback never arrives', async () => {
    f.sandbox.state.knobs.sendCallbacks = false;
    const txn = await payWith3ds();
    await authenticate(txn.nextAction.url);
    expect(await statusOf(txn.id)).toBe('REQUIRES_ACTION');
    await f.t.running.reconciler.runOnce();
    expect(await statusOf(txn.id)).toBe('SUCCEEDED');
  });

  it('applies a redelivered callback once: the second delivery changes nothing', async () => {
    const txn = await payWith3ds();
    await authenticate(txn.nextAction.url);
    await waitFor(txn.id, 'SUCCEEDED');
    const sent = f.sandbox.state.callbacks.find((c) => c.body.merchantTransactionId === txn.reference)!;
    const eventsBefore = await f.t.em().count(TransactionEvent, { transaction: idOf(txn.id, 'Transaction') });
    const again = await fetch(sent.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sent.body) });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ result: 'duplicate' });
    expect(await f.t.em().count(TransactionEvent, { transaction: idOf(txn.id, 'Transaction') })).toBe(eventsBefore);
    expect(await f.t.em().count(ProviderEvent, { eventKey: { $like: `%${sent.body.paymentId as string}%` } })).toBe(1);
  });

  it('rejects and logs a callback whose checksum does not verify, stores nothing, asks the provider nothing, and leaves settling to the reconciler', async () => {
    f.sandbox.state.knobs.sendCallbacks = false;
    const txn = await payWith3ds();
    await authenticate(txn.nextAction.url);
    const forged = { paymentId: '1', merchantTransactionId: txn.reference, amount: '42.00', currency: 'EUR', status: 'capturesuccess', transactionStatus: 'Y', checksum: '0'.repeat(32) };
    const inquiries = async () => (await sandboxRequests(f.sandbox)).filter((r) => r.body.paymentType === 'IN').length;
    const asked = await inquiries();
    const res = await fetch(`${f.t.running.providers.registry.publicUrl()}/callbacks/cardgateway`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(forged) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ result: 'rejected' });
    expect(await f.t.em().count(ProviderEvent, { verified: false })).toBe(0);
    expect(f.t.logs.some((line) => line.includes('callback rejected') && line.includes(txn.reference))).toBe(true);
    expect(await inquiries()).toBe(asked);
    expect(await statusOf(txn.id)).toBe('REQUIRES_ACTION');
    await f.t.running.reconciler.runOnce();
    expect(await statusOf(txn.id)).toBe('SUCCEEDED');
  });

  it('sends the customer back to the merchant with the settled status after the redirect', async () => {
    f.sandbox.state.knobs.sendCallbacks = false;
    const txn = await payWith3ds();
    const html = await authenticate(txn.nextAction.url);
    const action = /<form id="back" method="post" action="([^"]+)"/.exec(html)![1].replace(/&#(\d+);/g, (_m, c) => String.fromCharCode(Number(c)));
    const back = await fetch(action, { method: 'POST', redirect: 'manual' });
    expect(back.status).toBe(303);
    const location = new URL(back.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://shop.example/back');
    expect(location.searchParams.get('status')).toBe('SUCCEEDED');
    expect(location.searchParams.get('transactionId')).toBe(txn.id);
  });
});
