import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inTransaction } from '../../src/domain/engine/in-transaction';
import { executeAll, insertRows, LockedRow, newRow } from '../../src/domain/engine/row-writes';
import { moveTo } from '../../src/domain/transactions/transaction-transitions';
import { Transaction } from '../../src/domain/transactions/transaction.entity';
import { TransactionEvent } from '../../src/domain/transactions/transaction-event.entity';
import { TransactionKind, TransactionStatus } from '../../src/domain/transactions/transaction-status';
import { SqlCounter } from '../support/sql-counter';
import { startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

/**
 * The write path sends several writes as one statement (row-writes.ts executeAll): a payment and its first event,
 * a locked row's events and its update. What that must keep from separate statements: the parts run in order
 * of the rows' dependencies (an event's foreign key to a payment written in the same statement), all or nothing,
 * and the database's triggers still see every row (the webhook and live tests cover those).
 */
describe('writes sent as one statement', () => {
  let f: PaymentsFixture;
  let sql: SqlCounter;
  beforeAll(async () => {
    f = await startPaymentsFixture();
    sql = new SqlCounter(f.t.running.orm);
  });
  afterAll(() => f?.t.close());

  const payment = (values: Record<string, unknown> = {}) =>
    newRow(Transaction, { site: f.merchant.site.id, provider: 'cardgateway', kind: TransactionKind.SALE, amountMinor: 1234n, currency: 'EUR', reference: `rw${randomUUID().slice(0, 8)}`, metadata: {}, ...values });
  const rowsOf = async (table: string, column: string, id: string) =>
    (await f.t.em().execute<Record<string, unknown>[]>(`select * from "${table}" where "${column}" = ?`, [id]));

  it('writes a payment and its first event in one statement, the event pointing at the payment written beside it', async () => {
    const txn = payment();
    const event = newRow(TransactionEvent, { transaction: txn.row.id, type: 'created', amountMinor: 1234n, data: { provider: 'cardgateway' } });
    const statements = await sql.statementsDuring(() => inTransaction(f.t.em(), (tx) => insertRows(tx, [txn, event])));
    expect(statements.filter((s) => s.includes('insert into'))).toHaveLength(1);
    const [written] = await rowsOf('transaction', 'id', txn.row.id as string);
    expect(written).toMatchObject({ status: 'PENDING', amount_minor: '1234', currency: 'EUR', site_id: f.merchant.site.id });
    const events = await rowsOf('transaction_event', 'transaction_id', txn.row.id as string);
    expect(events).toEqual([expect.objectContaining({ type: 'created', amount_minor: '1234', data: { provider: 'cardgateway' } })]);
  });

  it('writes nothing of the statement when one of its parts is refused', async () => {
    const txn = payment();
    const orphan = newRow(TransactionEvent, { transaction: randomUUID(), type: 'created' });
    await expect(inTransaction(f.t.em(), (tx) => insertRows(tx, [txn, orphan]))).rejects.toMatchObject({ code: '23503' });
    expect(await rowsOf('transaction', 'id', txn.row.id as string)).toEqual([]);
  });

  it("sends a locked row's events and its changed columns as one statement", async () => {
    const txn = payment();
    await inTransaction(f.t.em(), (tx) => insertRows(tx, [txn]));
    const id = txn.row.id as string;
    const statements = await sql.statementsDuring(() =>
      inTransaction(f.t.em(), async (tx: EntityManager) => {
        const locked = (await LockedRow.lock(tx, Transaction, id))!;
        moveTo(locked.events, locked.row, TransactionStatus.SUCCEEDED, { message: 'approved' });
        locked.row.capturedMinor = 1234n;
        await locked.write();
      }),
    );
    expect(statements.filter((s) => !s.startsWith('select'))).toHaveLength(1);
    const [written] = await rowsOf('transaction', 'id', id);
    expect(written).toMatchObject({ status: 'SUCCEEDED', captured_minor: '1234' });
    expect(await rowsOf('transaction_event', 'transaction_id', id)).toEqual([expect.objectContaining({ type: 'status_changed', from_status: 'PENDING', to_status: 'SUCCEEDED', message: 'approved' })]);
  });

  it('sends one statement as it is, and none for nothing', async () => {
    const statements = await sql.statementsDuring(async () => {
      await executeAll(f.t.em(), []);
      await executeAll(f.t.em(), [{ sql: 'select ? as one', params: [1] }]);
    });
    expect(statements).toEqual(['select ? as one']);
  });
});
