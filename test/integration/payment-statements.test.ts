import { randomUUID } from 'node:crypto';
import { boundPhase } from '../../src/domain/engine/phase-bounds';
import { inTransaction } from '../../src/domain/engine/in-transaction';
import { SqlCounter } from '../support/sql-counter';
import { CAPTURE, PAY, REFUND, card, chargesAt, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

/**
 * SQL round trips per payment, pinned: a change that adds a statement to the write path shows up here, and the
 * count does not depend on how many payments the site already has. The benchmark's baseline server
 * (src/bench/baseline-payments.ts) writes the same rows in the same three phases; docs/benchmarks.md compares.
 */
// Statements the ORM sends; the two transactions' begin and commit (4 more round trips) don't pass through onQuery.
// The API key comes from the cache of verified keys after the first request (the baseline reads it every time).
const PINNED = { pay: 9, capture: 12, refund: 12 };

describe('SQL statements per payment', () => {
  let f: PaymentsFixture;
  let sql: SqlCounter;
  beforeAll(async () => {
    f = await startPaymentsFixture();
    sql = new SqlCounter(f.t.running.orm);
    await f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '1.00', currency: 'EUR' }, source: { card: card() } } }, { headers: { 'idempotency-key': randomUUID() } });
  });
  afterAll(() => f?.t.close());

  async function run(query: string, input: Record<string, unknown>) {
    let answer!: Awaited<ReturnType<PaymentsFixture['gql']>>;
    const statements = await sql.statementsDuring(async () => {
      answer = await f.gql(query, { input }, { headers: { 'idempotency-key': randomUUID() } });
    });
    expect(answer.errors).toBeUndefined();
    return { data: answer.data as Record<string, any>, statements };
  }

  const log = (name: string, statements: string[]) =>
    process.stdout.write(`payment-statements: ${name} ${statements.length}\n${statements.map((s) => `  ${s.slice(0, 200)}`).join('\n')}\n`);

  it('a sale, a capture of an authorization and a refund each take a fixed number of statements, the same every time', async () => {
    const amount = { amount: '12.00', currency: 'EUR' };
    const sale = await run(PAY, { provider: 'cardgateway', amount, source: { card: card() } });
    const again = await run(PAY, { provider: 'cardgateway', amount, source: { card: card() } });
    log('pay', sale.statements);
    expect(sale.data.pay.transaction.status).toBe('SUCCEEDED');
    expect(await chargesAt(f.sandbox, sale.data.pay.transaction.reference)).toBe(1);
    expect(again.statements).toHaveLength(sale.statements.length);

    const auth = await run(PAY, { provider: 'cardgateway', amount, source: { card: card() }, captureLater: true });
    const capture = await run(CAPTURE, { transactionId: auth.data.pay.transaction.id });
    log('capturePayment', capture.statements);
    expect(capture.data.capturePayment.transaction.status).toBe('SUCCEEDED');

    const refund = await run(REFUND, { transactionId: sale.data.pay.transaction.id, amount: { amount: '2.00', currency: 'EUR' } });
    log('refundPayment', refund.statements);
    expect(refund.data.refundPayment.refund.status).toBe('SUCCEEDED');
    expect({ pay: sale.statements.length, capture: capture.statements.length, refund: refund.statements.length }).toEqual(PINNED);
  });

  it('bounds a phase with both timeouts in one statement, for that transaction only', async () => {
    const em = f.t.em();
    const show = async (tx: typeof em) => (await tx.execute<{ l: string; s: string }[]>(`select current_setting('lock_timeout') as l, current_setting('statement_timeout') as s`))[0];
    const before = await show(em);
    const statements = await sql.statementsDuring(() =>
      inTransaction(em, async (tx) => {
        await boundPhase(tx, { takeoverAfterMs: 60_000, lockTimeoutMs: 1_234, statementTimeoutMs: 5_678.9 });
        expect(await show(tx)).toEqual({ l: '1234ms', s: '5678ms' });
      }),
    );
    expect(statements.filter((s) => s.includes('set_config'))).toHaveLength(1);
    expect(await show(em)).toEqual(before);
  });
});
