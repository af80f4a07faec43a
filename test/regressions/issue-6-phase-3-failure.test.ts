import { PAY, card, chargesAt, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';
import { PgSession, sleep, until } from '../support/pg-session';

const SLOW_CARD = '4000000000000077';
const TAKEOVER_AFTER_MS = 3_000;

/**
 * Issue 6, item 12: after a database error in phase 3 the key answered IDEMPOTENCY_KEY_IN_PROGRESS until the
 * takeover age, which pushes a client to a new key, and a new key is a second charge.
 */
describe('issue 6 (12): a retry after a failed phase 3 answers with the payment, not IN_PROGRESS', () => {
  let f: PaymentsFixture;
  let other: PgSession;
  beforeAll(async () => {
    f = await startPaymentsFixture({
      PROVIDER_TIMEOUT_MS: '3000',
      IDEMPOTENCY_TAKEOVER_AFTER_MS: String(TAKEOVER_AFTER_MS),
      PAYMENT_DB_LOCK_TIMEOUT_MS: '400',
      PAYMENT_DB_STATEMENT_TIMEOUT_MS: '1500',
    });
    f.sandbox.state.knobs.slowCardDelayMs = 1_000;
    other = await PgSession.open(f.t.running.deps.config.database.url!);
  });
  afterAll(async () => {
    await other?.close();
    await f?.t.close();
  });

  const pay = () => f.gql(PAY, { input: { provider: 'cardgateway', amount: { amount: '12.50', currency: 'EUR' }, source: { card: card(SLOW_CARD) }, idempotencyKey: 'phase-3-fails' } });
  const attached = async () =>
    (await other.query<{ resource: string | null }>(`select resource from idempotency_record where key = 'phase-3-fails'`))[0]?.resource ?? null;

  it('answers the same key with the payment in its current state while phase 3 cannot write, and settles it once the owner is gone', async () => {
    const first = pay();
    await until(async () => (await attached()) !== null, 'phase 1 to commit');
    const transactionId = (await attached())!.split(':')[1];
    await other.lock(`select id from "transaction" where id = $1 for update`, [transactionId]);
    let retry: Awaited<ReturnType<typeof pay>>;
    try {
      await sleep(1_800);
      retry = await pay();
    } finally {
      await other.release();
    }
    const owner = await first;
    expect(owner.data!.pay.userErrors).toEqual([]);
    const txn = owner.data!.pay.transaction;
    expect(txn.status).toBe('PENDING');
    expect(retry.data!.pay).toMatchObject({ userErrors: [], replayed: true, transaction: { id: txn.id, status: 'PENDING' } });

    await sleep(TAKEOVER_AFTER_MS);
    const settled = await pay();
    expect(settled.data!.pay).toMatchObject({ userErrors: [], replayed: true, transaction: { id: txn.id, status: 'SUCCEEDED' } });
    expect(await chargesAt(f.sandbox, txn.reference)).toBe(1);
  });
});
