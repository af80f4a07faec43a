import { idOf } from '../../../src/graphql/common/global-id';
import { DapiHarness, ENDPOINTS } from './harness';
import { initiated, MerchantServer } from './graphql-device-api';
import { MobileApp } from './mobile-app';

jest.setTimeout(60_000);

let h: DapiHarness;
let app: MobileApp;
let merchant: MerchantServer;
beforeAll(async () => {
  h = await DapiHarness.start({ consumerDefinedRates: true });
  const customerId = (await h.customer()).id;
  const token = await h.appToken(customerId, 'IPHONE-15-ADA');
  app = new MobileApp(h, token, 'IPHONE-15-ADA');
  merchant = new MerchantServer(h, customerId, token, 'IPHONE-15-ADA');
});
afterAll(() => h?.close());

/** Complete transfer requests Payneteasy received for one invoice (the sandbox's own record). */
const completesOf = (invoiceId: string) => h.state.requests.filter((r) => new RegExp(`/transfer/\\d+/${invoiceId}/[^/]+$`).test(r.path) && !r.path.endsWith('/status'));

/** A card-to-card transfer started through GraphQL and performed by the app, paused at TRANSFER_FEE_REQUEST. */
async function pausedTransfer(amount: string, centis: number) {
  const started = await merchant.startTransfer(amount);
  expect(started.userErrors).toEqual([]);
  expect(started.transaction).toMatchObject({ status: 'PENDING', kind: 'TRANSFER' });
  const performed = await app.perform('transfer', initiated(started.session), { number: '4111111111111111' }, { destination: { number: '5555555555554444' }, amountCentis: centis });
  expect((await app.settled('transfer', started.session.invoiceId, performed.body.session.token)).body.state).toBe('TRANSFER_FEE_REQUEST');
  await merchant.poll(started.transaction.id);
  return { id: started.transaction.id as string, invoiceId: started.session.invoiceId as string, token: performed.body.session.token as string };
}

describe('a Device API transfer with the consumer choosing between two gates, through GraphQL', () => {
  it('shows AWAITING_FEE_SELECTION with both gates and when the quote expires; the chosen gate is completed once', async () => {
    const t = await pausedTransfer('25.00', 2500);
    const awaiting = await merchant.transaction(t.id);
    expect(awaiting).toMatchObject({
      status: 'AWAITING_FEE_SELECTION',
      nextAction: {
        __typename: 'FeeSelectionAction',
        feeOptions: [
          { id: 'gate-instant', label: 'gate-instant', fee: { amount: '1.25', currency: 'EUR' } },
          { id: 'gate-economy', label: 'gate-economy', fee: { amount: '0.35', currency: 'EUR' } },
        ],
      },
    });
    const row = await h.t.em().getConnection().execute(`select created_at from "transaction" where id = ?`, [idOf(t.id, 'Transaction')]);
    expect(new Date(awaiting.nextAction.expiresAt).getTime()).toBe(new Date(row[0].created_at).getTime() + 30 * 60_000);

    const selected = await merchant.selectFee(t.id, 'gate-economy');
    expect(selected.userErrors).toEqual([]);
    expect(selected.transaction.fee).toEqual({ amount: '0.35', currency: 'EUR' });
    expect(completesOf(t.invoiceId).map((r) => r.path.split('/').pop())).toEqual(['gate-economy']);

    const again = await merchant.selectFee(t.id, 'gate-instant');
    expect(again.userErrors).toEqual([expect.objectContaining({ code: 'FEE_ALREADY_SELECTED', field: ['input', 'feeOptionId'] })]);
    await app.settled('transfer', t.invoiceId, t.token);
    await merchant.poll(t.id);
    expect(await merchant.transaction(t.id)).toMatchObject({ status: 'SUCCEEDED', fee: { amount: '0.35', currency: 'EUR' }, nextAction: null });
    expect(completesOf(t.invoiceId)).toHaveLength(1);
  });

  it('refuses a selection after the quote expired, naming the expiry, and sends nothing', async () => {
    const t = await pausedTransfer('10.00', 1000);
    // Time passes: the transfer was created longer ago than the quote lives (CUSTOMER_ACTION_EXPIRY_MS, 30 min).
    await h.t.em().getConnection().execute(`update "transaction" set created_at = now() - interval '31 minutes' where id = ?`, [idOf(t.id, 'Transaction')]);
    const late = await merchant.selectFee(t.id, 'gate-instant');
    expect(late.userErrors).toEqual([expect.objectContaining({ code: 'FEE_QUOTE_EXPIRED', field: ['input', 'feeOptionId'], message: expect.stringMatching(/expired at \d{4}-/) })]);
    expect(completesOf(t.invoiceId)).toHaveLength(0);
  });

  it('recovers a selection whose Complete answer was lost by asking Payneteasy, never by completing again', async () => {
    const t = await pausedTransfer('40.00', 4000);
    const instant = (await merchant.transaction(t.id)).nextAction.feeOptions.find((o: { id: string }) => o.id === 'gate-instant').fee;
    await fetch(`${h.sandboxUrl}/__sandbox/dapi/knobs`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ loseNextCompleteAnswer: true }) });
    const selected = await merchant.selectFee(t.id, 'gate-instant');
    expect(selected.userErrors).toEqual([]);
    expect(selected.transaction.status).toBe('OUTCOME_UNKNOWN');
    const retried = await merchant.selectFee(t.id, 'gate-instant');
    expect(retried.userErrors).toEqual([expect.objectContaining({ code: 'FEE_ALREADY_SELECTED' })]);
    await app.settled('transfer', t.invoiceId, t.token);
    await merchant.poll(t.id);
    expect(await merchant.transaction(t.id)).toMatchObject({ status: 'SUCCEEDED', fee: instant });
    expect(completesOf(t.invoiceId).map((r) => r.path.split('/').pop())).toEqual(['gate-instant']);
  });

  it('after a crash between the recorded selection and Complete, asks Payneteasy and sends no Complete', async () => {
    const t = await pausedTransfer('15.00', 1500);
    // What phase 1 of selectTransferFee commits before it calls Payneteasy, left by a process that died there.
    await h.t.em().getConnection().execute(
      `update "transaction" set step = 'complete', fee_minor = 35, call_started_at = now() - interval '10 minutes' where id = ?`,
      [idOf(t.id, 'Transaction')],
    );
    await merchant.poll(t.id);
    const after = await merchant.transaction(t.id);
    expect(after.status).toBe('AWAITING_FEE_SELECTION');
    expect((await merchant.selectFee(t.id, 'gate-economy')).userErrors).toEqual([expect.objectContaining({ code: 'FEE_ALREADY_SELECTED' })]);
    expect(completesOf(t.invoiceId)).toHaveLength(0);
    expect(h.state.invoices.get(`${ENDPOINTS.transfer}/${t.invoiceId}`)!.state).toBe('TRANSFER_FEE_REQUEST');
  });
});
