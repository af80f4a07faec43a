import { Client, DatabaseError } from 'pg';
import { randomUUID } from 'node:crypto';
import { idOf } from '../../src/graphql/common/global-id';
import { CANCEL, CAPTURE, PAY, REFUND, card, cardMerchant, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

/**
 * Issue 6 item 9: the money invariants hold in the database itself, so a bug in the code (or a hand-written
 * UPDATE) that breaks one fails loudly instead of recording wrong money. Each write below goes straight to
 * PostgreSQL, past the domain's checks.
 */
describe('issue 6: the database refuses writes that break the money invariants', () => {
  let f: PaymentsFixture;
  let sql: Client;
  let captured: { txn: string; op: string; refund: string; site: string };
  let authorized: string;
  let authorizedId: string;

  beforeAll(async () => {
    f = await startPaymentsFixture();
    sql = new Client({ connectionString: f.t.running.deps.config.database.url });
    await sql.connect();
    const auth = await authorize('100.00');
    expect((await f.gql(CAPTURE, { input: { transactionId: auth, amount: { amount: '60.00', currency: 'EUR' } } })).data!.capturePayment.userErrors).toEqual([]);
    const refund = await f.gql(REFUND, { input: { transactionId: auth, amount: { amount: '10.00', currency: 'EUR' } } });
    const txn = idOf(auth, 'Transaction')!;
    const { rows } = await sql.query('select o.id as op, t.site_id as site from payment_operation o join "transaction" t on t.id = o.transaction_id where t.id = $1', [txn]);
    captured = { txn, op: rows[0].op, site: rows[0].site, refund: idOf(refund.data!.refundPayment.refund.id, 'Refund')! };
    authorizedId = await authorize('40.00');
    authorized = idOf(authorizedId, 'Transaction')!;
  });
  afterAll(async () => {
    await sql?.end();
    await f?.t.close();
  });

  async function authorize(amount: string): Promise<string> {
    const res = await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount, currency: 'EUR' }, source: { card: card() }, captureLater: true } });
    expect(res.data!.pay.transaction.status).toBe('AUTHORIZED');
    return res.data!.pay.transaction.id;
  }

  async function violation(text: string, params: unknown[]): Promise<{ code?: string; constraint?: string }> {
    try {
      await sql.query(text, params);
    } catch (error) {
      if (error instanceof DatabaseError) return { code: error.code, constraint: error.constraint };
      throw error;
    }
    throw new Error(`the database accepted: ${text}`);
  }
  const CHECK = '23514';
  const UNIQUE = '23505';

  it('refuses a captured amount above the payment amount, and a negative one', async () => {
    expect(await violation('update "transaction" set captured_minor = amount_minor + 1 where id = $1', [captured.txn])).toEqual({ code: CHECK, constraint: 'transaction_captured_within_amount' });
    expect(await violation('update "transaction" set captured_minor = -1, refunded_minor = 0 where id = $1', [captured.txn])).toEqual({ code: CHECK, constraint: 'transaction_captured_within_amount' });
  });

  it('refuses a refunded amount above the captured amount', async () => {
    expect(await violation('update "transaction" set refunded_minor = captured_minor + 1 where id = $1', [captured.txn])).toEqual({ code: CHECK, constraint: 'transaction_refunded_within_captured' });
  });

  it('refuses zero or negative amounts on payments, captures, refunds and payouts', async () => {
    expect(await violation('update "transaction" set amount_minor = 0, captured_minor = 0, refunded_minor = 0 where id = $1', [authorized])).toEqual({ code: CHECK, constraint: 'transaction_amount_positive' });
    expect(await violation('update payment_operation set amount_minor = 0 where id = $1', [captured.op])).toEqual({ code: CHECK, constraint: 'payment_operation_amount_positive' });
    expect(await violation('update refund set amount_minor = -5 where id = $1', [captured.refund])).toEqual({ code: CHECK, constraint: 'refund_amount_positive' });
    const payout = `insert into payout (id, site_id, provider, amount_minor, currency, reference) values ($1, $2, 'cardgateway', 0, 'EUR', $3)`;
    expect(await violation(payout, [randomUUID(), captured.site, `po-${randomUUID()}`])).toEqual({ code: CHECK, constraint: 'payout_amount_positive' });
  });

  it('refuses a currency that is not three capital letters', async () => {
    expect(await violation(`update "transaction" set currency = 'eur' where id = $1`, [authorized])).toEqual({ code: CHECK, constraint: 'transaction_currency_format' });
    expect(await violation(`update refund set currency = 'E1R' where id = $1`, [captured.refund])).toEqual({ code: CHECK, constraint: 'refund_currency_format' });
  });

  it('refuses a second live capture of an authorization at a provider that captures once', async () => {
    const insert = `insert into payment_operation (id, site_id, transaction_id, kind, amount_minor, currency, reference, single_capture) values ($1, $2, $3, 'CAPTURE', 100, 'EUR', $4, true)`;
    expect(await violation(insert, [randomUUID(), captured.site, captured.txn, `cap-${randomUUID()}`])).toEqual({ code: UNIQUE, constraint: 'payment_operation_one_single_capture' });
  });

  it('refuses a second open cancellation of one authorization', async () => {
    const insert = `insert into payment_operation (id, site_id, transaction_id, kind, amount_minor, currency, reference) values ($1, $2, $3, 'CANCEL', 4000, 'EUR', $4)`;
    await sql.query(insert, [randomUUID(), captured.site, authorized, `vd-${randomUUID()}`]);
    expect(await violation(insert, [randomUUID(), captured.site, authorized, `vd-${randomUUID()}`])).toEqual({ code: UNIQUE, constraint: 'payment_operation_one_open_cancel' });
    await sql.query(`delete from payment_operation where transaction_id = $1`, [authorized]);
    expect((await f.gql(CANCEL, { input: { transactionId: authorizedId } })).data!.cancelPayment.userErrors).toEqual([]);
  });

  it("refuses a refund or capture whose site is not its payment's site", async () => {
    const other = await cardMerchant(f.t, 'Other merchant');
    expect(await violation('update refund set site_id = $1 where id = $2', [other.site.id, captured.refund])).toEqual({ code: CHECK, constraint: 'refund_same_site' });
    expect(await violation('update payment_operation set site_id = $1 where id = $2', [other.site.id, captured.op])).toEqual({ code: CHECK, constraint: 'payment_operation_same_site' });
  });

  it('refuses to apply a settled capture or refund a second time (the lost update of item 2 fails loudly)', async () => {
    expect(await violation(`update payment_operation set status = 'SUCCEEDED' where id = $1`, [captured.op])).toEqual({ code: CHECK, constraint: 'payment_operation_settled_once' });
    expect(await violation(`update refund set status = 'SUCCEEDED' where id = $1`, [captured.refund])).toEqual({ code: CHECK, constraint: 'refund_settled_once' });
    const { rows } = await sql.query('select captured_minor, refunded_minor from "transaction" where id = $1', [captured.txn]);
    expect(rows[0]).toEqual({ captured_minor: '6000', refunded_minor: '1000' });
  });
});
