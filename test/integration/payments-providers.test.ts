import { createHash } from 'node:crypto';
import { TransactionEvent } from '../../src/domain/transactions/transaction-event.entity';
import { idOf } from '../../src/graphql/common/global-id';
import { DEMO_MERCHANT } from '../../src/providers/cardgateway/sandbox/server';
import { PAY, TRANSACTION, card, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

describe('payments: providers and what they report', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
    f.sandbox.state.knobs.sendCallbacks = false;
  });
  afterAll(() => f?.t.close());

  it('lists each configured provider with the capabilities its facets give and whether the site has credentials for it', async () => {
    const res = await f.gql(`{ providers { key displayName configuredForSite capabilities { sale authorizeCapture partialCapture multipleCaptures void refunds partialRefunds multipleRefunds payouts savedMethods tokenizeWithPayment nativeScheduling fees transfers providerOrders redirectPayments callbacks currencies } } }`);
    expect(res.errors).toBeUndefined();
    const cardgateway = res.data!.providers.find((p: { key: string }) => p.key === 'cardgateway');
    expect(cardgateway).toMatchObject({
      configuredForSite: true,
      capabilities: { sale: true, authorizeCapture: true, partialCapture: true, multipleCaptures: false, void: true, refunds: true, partialRefunds: true, multipleRefunds: false, payouts: true, savedMethods: true, tokenizeWithPayment: true,
        nativeScheduling: false, fees: false, transfers: false, providerOrders: false, redirectPayments: false, callbacks: true },
    });
    expect(cardgateway.capabilities.currencies).toEqual(expect.arrayContaining(['EUR', 'USD', 'JPY']));
    expect(cardgateway.capabilities.currencies).not.toContain('KWD');
    const other = await f.t.merchant(undefined, 'No credentials');
    const bare = await f.t.gql('{ providers { key configuredForSite } }', undefined, { key: other.key });
    expect(bare.data!.providers).toContainEqual({ key: 'cardgateway', configuredForSite: false });
  });

  it("shows a decline with the provider's own code and the provider-neutral reason code", async () => {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '12.00', currency: 'EUR' }, source: { card: card('4000000000009995') } } });
    expect(res.data!.pay.transaction).toMatchObject({ status: 'DECLINED', declineCode: '11051', declineReasonCode: 'INSUFFICIENT_FUNDS' });
  });

  it('records and shows an amount the provider reported differently from what was sent', async () => {
    const paid = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '42.00', currency: 'EUR' }, source: { card: card('4000000000003220') } } });
    const txn = paid.data!.pay.transaction;
    expect(txn.status).toBe('REQUIRES_ACTION');
    await authenticateAtAcs(txn.nextAction.url);
    // A notification correctly signed by the provider (MD5 over paymentId|merchantTransactionId|amount|status|secureKey,
    // PROTOCOL-NOTES.md "Callback / notification verify") that reports 41.00 instead of 42.00.
    const fields = { paymentId: txn.providerTransactionId, merchantTransactionId: txn.reference, amount: '41.00', transactionStatus: 'Y' };
    const checksum = createHash('md5').update(`${fields.paymentId}|${fields.merchantTransactionId}|${fields.amount}|Y|${DEMO_MERCHANT.secureKey}`).digest('hex');
    const body = { ...fields, status: 'capturesuccess', currency: 'EUR', checksum, result: { code: '00001', description: 'Transaction succeeded' } };
    const res = await fetch(`${f.t.running.providers.registry.publicUrl()}/callbacks/cardgateway`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    const after = (await f.gql(`query($id: ID!) { node(id: $id) { ... on Transaction { status amount { amount } providerReportedAmount { amount currency } } } }`, { id: txn.id })).data!.node;
    expect(after).toMatchObject({ amount: { amount: '42.00' }, providerReportedAmount: { amount: '41.00', currency: 'EUR' } });
    const events = await f.t.em().find(TransactionEvent, { transaction: idOf(txn.id, 'Transaction'), type: 'amount_mismatch' });
    expect(events).toHaveLength(1);
    expect(f.t.logs.some((l) => l.includes('provider amount mismatch'))).toBe(true);
    expect((await f.gql(TRANSACTION, { id: txn.id })).data!.node.status).toBe('SUCCEEDED');
  });
});

/** The customer completes 3-D Secure on the sandbox's ACS page, so the provider really charged the card. */
async function authenticateAtAcs(redirectUrl: string): Promise<void> {
  const page = await (await fetch(redirectUrl)).text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)![1];
  const key = /name="key" value="([^"]+)"/.exec(page)![1];
  const body = new URLSearchParams({ key, outcome: 'authenticate' }).toString();
  await fetch(new URL(action, redirectUrl), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
}
