import { randomUUID } from 'node:crypto';
import { idOf } from '../../../src/graphql/common/global-id';
import type { PayneteasySandbox } from '../../../src/providers/payneteasy/sandbox';
import { cardMerchant, card, PAY, TRANSACTION } from '../../integration/payments/payments-fixture';
import { TestApp, type TestSite } from '../../support/app';
import { waitFor } from '../contract/harness';

const ACCOUNT = '1234567890';
const bankAccount = (accountNumber = ACCOUNT, extra: Record<string, unknown> = {}) => ({
  routingNumber: '113024588',
  accountNumber,
  checkNumber: '77778888',
  checkDate: '2025-02-22',
  holderName: 'John Smith',
  email: 'john.smith@example.com',
  ...extra,
});

/** The gateway over HTTP on embedded PostgreSQL, paying eCheck through GraphQL against the Payneteasy sandbox. */
describe('Payneteasy eCheck through the gateway', () => {
  let t: TestApp;
  let sandbox: PayneteasySandbox;
  let merchant: TestSite;
  beforeAll(async () => {
    t = await TestApp.start({ RECONCILE_INTERVAL_MS: '0' });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    sandbox = t.running.providers.sandboxes.payneteasy!;
    merchant = await cardMerchant(t, 'eCheck merchant');
  }, 60_000);
  afterAll(() => t?.close(), 30_000);

  const pay = async (input: Record<string, unknown>) => {
    const res = await t.gql(PAY, { input: { idempotencyKey: randomUUID(), provider: 'payneteasy', amount: { amount: '19.99', currency: 'USD' }, ...input } }, { key: merchant.key });
    expect(res.status).toBe(200);
    return res.data!.pay as { transaction: { id: string; status: string; reference: string; declineCode: string; declineReasonCode: string; capturedAmount: { amount: string }; refundedAmount: { amount: string } } | null; userErrors: { code: string; field: string[] }[] };
  };
  const read = async (id: string) => (await t.gql(TRANSACTION, { id }, { key: merchant.key })).data!.node as { status: string; capturedAmount: { amount: string }; refundedAmount: { amount: string } };
  const events = async (id: string) => {
    const rows = await t.em().getConnection().execute<{ type: string }[]>(`select type from transaction_event where transaction_id = ? order by created_at, id`, [idOf(id, 'Transaction')]);
    expect(rows.length).toBeGreaterThan(0);
    return rows;
  };
  const postCallback = (body: Record<string, string>) =>
    fetch(`${t.running.providers.registry.publicUrl()}/callbacks/payneteasy`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() }).then((r) => r.status);
  const callbacksFor = (reference: string) => sandbox.state.echeck.callbacks.filter((c) => c.body.client_orderid === reference && c.httpStatus !== undefined);

  it('pays 19.99 from an approved account: SUCCEEDED, 19.99 sent as "19.99" under a control the sandbox verified, only the last four kept', async () => {
    const { transaction, userErrors } = await pay({ source: { bankAccount: bankAccount() } });
    expect(userErrors).toEqual([]);
    expect(transaction).toMatchObject({ status: 'SUCCEEDED', capturedAmount: { amount: '19.99' } });
    const sale = sandbox.state.requests.find((r) => r.path.includes('sale-echeck') && r.body.client_orderid === transaction!.reference)!;
    expect(sale.body).toMatchObject({ amount: '19.99', currency: 'USD', routing_number: '113024588', account_number: '****7890', check_number: '77778888', check_date: '02/22/2025', email: 'john.smith@example.com', first_name: 'John', last_name: 'Smith' });
    const created = await t.em().getConnection().execute<{ data: unknown }[]>(`select data from transaction_event where type = 'created' and transaction_id = (select id from transaction where reference = ?)`, [transaction!.reference]);
    expect(created[0]!.data).toMatchObject({ bankAccount: { routingNumber: '113024588', last4: '7890' } });
    const dump = await t.em().getConnection().execute<{ hit: number }[]>(
      `select (select count(*) from transaction_event where data::text like '%${ACCOUNT}%') + (select count(*) from idempotency_record where coalesce(response::text, '') like '%${ACCOUNT}%') + (select count(*) from provider_event where payload::text like '%${ACCOUNT}%') as hit`,
    );
    expect(Number(dump[0]!.hit)).toBe(0);
    expect(t.logs.join('\n')).not.toContain(ACCOUNT);
  });

  it('answers a declining account as DECLINED with the ACH code and a neutral reason', async () => {
    const { transaction } = await pay({ source: { bankAccount: bankAccount('4000000051') } });
    expect(transaction).toMatchObject({ status: 'DECLINED', declineCode: 'R01', declineReasonCode: 'INSUFFICIENT_FUNDS', capturedAmount: { amount: '0.00' } });
  });

  it('refuses a routing number that fails the ABA checksum before anything is written or sent', async () => {
    const sent = sandbox.state.requests.length;
    const rows = await t.em().getConnection().execute<{ n: string }[]>('select count(*) as n from transaction');
    const { transaction, userErrors } = await pay({ source: { bankAccount: bankAccount(ACCOUNT, { routingNumber: '113024589' }) } });
    expect(transaction).toBeNull();
    expect(userErrors).toEqual([expect.objectContaining({ code: 'INVALID_ROUTING_NUMBER', field: ['input', 'source', 'bankAccount', 'routingNumber'] })]);
    expect(sandbox.state.requests.length).toBe(sent);
    expect(await t.em().getConnection().execute<{ n: string }[]>('select count(*) as n from transaction')).toEqual(rows);
  });

  it('refuses a card for Payneteasy eCheck, and a bank account for a card provider, as unsupported', async () => {
    expect((await pay({ source: { card: card() } })).userErrors).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_BY_PROVIDER', field: ['input', 'source', 'card'] })]);
    const res = await pay({ provider: 'cardgateway', amount: { amount: '19.99', currency: 'EUR' }, source: { bankAccount: bankAccount() } });
    expect(res.userErrors).toEqual([expect.objectContaining({ code: 'UNSUPPORTED_BY_PROVIDER', field: ['input', 'source', 'bankAccount'] })]);
  });

  it('changes nothing when the sale callback arrives again, three times at once', async () => {
    const { transaction } = await pay({ source: { bankAccount: bankAccount() } });
    const [delivered] = await waitFor(() => (callbacksFor(transaction!.reference).length ? callbacksFor(transaction!.reference) : undefined), 5_000);
    expect(delivered!.httpStatus).toBe(200);
    const before = { txn: await read(transaction!.id), events: await events(transaction!.id) };
    expect(await Promise.all([1, 2, 3].map(() => postCallback(delivered!.body)))).toEqual([200, 200, 200]);
    expect({ txn: await read(transaction!.id), events: await events(transaction!.id) }).toEqual(before);
    const stored = await t.em().getConnection().execute<{ n: string }[]>(`select count(*) as n from provider_event where provider = 'payneteasy' and event_key like ?`, [`${delivered!.body.orderid}:sale:%`]);
    expect(Number(stored[0]!.n)).toBe(1);
  });

  it('applies a later return reported on notify_url once: refunded 19.99, confirmed by the status command', async () => {
    const { transaction } = await pay({ source: { bankAccount: bankAccount('4000000201') } });
    expect(transaction!.status).toBe('SUCCEEDED');
    const ret = await waitFor(() => callbacksFor(transaction!.reference).find((c) => c.body.type === 'return'), 5_000);
    expect(ret.httpStatus).toBe(200);
    const after = await read(transaction!.id);
    expect(after).toMatchObject({ status: 'SUCCEEDED', capturedAmount: { amount: '19.99' }, refundedAmount: { amount: '19.99' } });
    const types = (await events(transaction!.id)).map((e) => e.type);
    expect(types.filter((type) => type === 'reversed_by_provider')).toHaveLength(1);
    expect(await postCallback(ret.body)).toBe(200);
    expect(await read(transaction!.id)).toEqual(after);
    expect((await events(transaction!.id)).map((e) => e.type)).toEqual(types);
  });

  it('moves no money on a replayed sale callback posing as a return, and leaves it open for the genuine one', async () => {
    const { transaction } = await pay({ source: { bankAccount: bankAccount() } });
    const sale = await waitFor(() => callbacksFor(transaction!.reference).find((c) => c.body.type === 'sale'), 5_000);
    const before = await read(transaction!.id);
    expect(await postCallback({ ...sale.body, type: 'return' })).toBe(200);
    expect(await read(transaction!.id)).toEqual(before);
    const rows = await t.em().getConnection().execute<{ processed_at: Date | null; error: string | null }[]>(`select processed_at, error from provider_event where provider = 'payneteasy' and event_key like ?`, [`${sale.body.orderid}:return:%`]);
    expect(rows).toEqual([{ processed_at: null, error: 'awaiting the provider' }]);
  });
});
