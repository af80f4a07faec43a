import { CAPTURE, PAY, REFUND, card, startPaymentsFixture, type PaymentsFixture } from './payments/payments-fixture';

const PANS = ['4111111111111111', '5555555555554444', '4000000000009995', '4000000000003220', '4111111111111112'];
const CVC = '8273';
/** The CVC as a value of its own: not inside a uuid, a hex token or a longer number. */
const CVC_TOKEN = new RegExp(`(?<![0-9A-Za-z])${CVC}(?![0-9A-Za-z])`);

describe('payments: card numbers and CVV reach the provider and nowhere else', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(() => f?.t.close());

  const eur = (amount: string) => ({ amount, currency: 'EUR' });
  const withCvc = (number: string, extra: Record<string, unknown> = {}) => card(number, { cvc: CVC, ...extra });

  async function makePayments(): Promise<void> {
    const sale = await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('10.00'), source: { card: withCvc(PANS[0]) }, saveMethod: true, idempotencyKey: 'scan-1' } });
    expect(sale.data!.pay.transaction.status).toBe('SUCCEEDED');
    await f.gql(REFUND, { input: { transactionId: sale.data!.pay.transaction.id, amount: eur('1.00') } });
    const auth = await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('20.00'), source: { card: withCvc(PANS[1]) }, captureLater: true } });
    await f.gql(CAPTURE, { input: { transactionId: auth.data!.pay.transaction.id } });
    await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('5.00'), source: { card: withCvc(PANS[2]) } } });
    await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('5.00'), source: { card: withCvc(PANS[3]) } } });
    const bad = await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('5.00'), source: { card: withCvc(PANS[4]) } } });
    expect(bad.data!.pay.userErrors[0].code).toBe('INVALID_CARD_NUMBER');
    await f.gql(`mutation($input: CreatePayoutInput!) { createPayout(input: $input) { payout { status } } }`, { input: { provider: 'cardgateway', amount: eur('3.00'), destination: { card: withCvc(PANS[0]) } } });
    await f.gql(`mutation($input: CreatePaymentMethodInput!) { createPaymentMethod(input: $input) { paymentMethod { id } } }`, { input: { provider: 'cardgateway', card: withCvc(PANS[1]), charge: { amount: eur('2.00') } } });
  }

  it('finds neither the card numbers nor the CVV in any table or log line after payments, refunds, payouts and saved cards', async () => {
    await makePayments();
    const em = f.t.em();
    const tables = await em.execute<{ table_name: string }[]>(`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['transaction', 'transaction_event', 'payment_method', 'idempotency_record', 'provider_event', 'payout', 'refund']));
    let rows = 0;
    for (const { table_name } of tables) {
      const dump = await em.execute<{ row: string }[]>(`select row_to_json(t)::text as row from "${table_name}" t`);
      rows += dump.length;
      for (const { row } of dump) {
        for (const pan of PANS) expect(row).not.toContain(pan);
        expect(row).not.toMatch(CVC_TOKEN);
      }
    }
    expect(rows).toBeGreaterThan(20);
    const logs = f.t.logs.join('\n');
    expect(logs).toContain('provider call');
    for (const pan of PANS) expect(logs).not.toContain(pan);
    expect(logs).not.toMatch(CVC_TOKEN);
  });
});
