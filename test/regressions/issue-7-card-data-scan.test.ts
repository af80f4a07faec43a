import { dumpRows } from '../support/table-rows';
import { card, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

/** Marker card numbers (Luhn-valid, used nowhere else) and CVVs, so any hit is a leak from this file. */
const PANS = ['4012888888881881', '5105105105105100', '6011000990139424', '4000056655665556', '378734493671000', '30569309025904'];
const CVVS = ['7391', '8264', '9517', '6843', '592', '4738'];
/** How pay accepts a card number: plain, grouped by spaces, double spaces, tabs, dashes, mixed. */
const SPELLINGS: ((pan: string) => string)[] = [
  (p) => p,
  (p) => p.replace(/(\d{4})(?=\d)/g, '$1 '),
  (p) => p.replace(/(\d{4})(?=\d)/g, '$1  '),
  (p) => p.replace(/(\d{4})(?=\d)/g, '$1\t'),
  (p) => p.replace(/(\d{4})(?=\d)/g, '$1-'),
  (p) => p.replace(/(\d{4})(?=\d)/g, (g, _d, i: number) => `${g}${i % 8 ? ' \t' : ' - '}`),
];
/** What clients call the CVV and the card number in their own variables. */
const CVV_NAMES = ['csc', 'cvn', 'cvvCode', 'card_cvc', 'securityCode', 'x'];
const PAN_NAMES = ['n', 'pan', 'cardNo', 'card_number', 'number', 'y'];

const eur = { amount: '1.00', currency: 'EUR' };
const expiry = { expMonth: 12, expYear: new Date().getUTCFullYear() + 3 };
const cvvToken = (cvv: string) => new RegExp(`(?<![0-9A-Za-z.])${cvv}(?![0-9A-Za-z])`);

/** A pay whose card fields come from variables named as a client pleases; `$later` lets the test make it fail. */
function payWithNames(panName: string, cvvName: string): string {
  return `mutation($amount: MoneyInput!, $${panName}: String!, $${cvvName}: String, $later: Boolean!, $key: String) {
    pay(input: { provider: "cardgateway", amount: $amount, captureLater: $later, idempotencyKey: $key,
                 source: { card: { number: $${panName}, cvc: $${cvvName}, expMonth: ${expiry.expMonth}, expYear: ${expiry.expYear} } } }) {
      transaction { id status } userErrors { code field message } } }`;
}
const PAY = 'mutation($input: PayInput!) { pay(input: $input) { transaction { id status } userErrors { code field message } } }';

describe('issue 7: card numbers and CVVs reach the provider and nowhere else, whatever they are called and wherever they are put', () => {
  let f: PaymentsFixture;
  const bodies: string[] = [];
  let key = 0;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(() => f?.t.close());

  async function send(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}, operationName?: string) {
    const payload = JSON.stringify({ query, variables, operationName });
    const res = await f.t.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${f.merchant.key}`, ...headers },
      payload,
    });
    bodies.push(res.body);
    return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, any> };
  }

  it('pays with card data in variables of any name and spelling, and logs a failing one without it', async () => {
    for (let i = 0; i < PANS.length; i++) {
      for (const spell of SPELLINGS) {
        const query = payWithNames(PAN_NAMES[i], CVV_NAMES[i]);
        const vars = { amount: eur, [PAN_NAMES[i]]: spell(PANS[i]), [CVV_NAMES[i]]: CVVS[i] };
        const paid = await send(query, { ...vars, later: false, key: `scan-${++key}` });
        expect(paid.body.data.pay).toMatchObject({ userErrors: [], transaction: { status: 'SUCCEEDED' } });
        const failed = await send(query, { ...vars, later: 'not a boolean' });
        expect(failed.status).toBe(400);
      }
    }
  });

  it('logs a failing pay without the card, whether it comes as a CardInput, a wrong type or unknown fields', async () => {
    const named = `mutation($c: CardInput!, $later: Boolean!) { pay(input: { provider: "cardgateway", amount: { amount: "1.00", currency: EUR }, source: { card: $c }, captureLater: $later }) { transaction { id } } }`;
    for (let i = 0; i < PANS.length; i++) {
      expect((await send(named, { c: { number: SPELLINGS[i](PANS[i]), cvc: CVVS[i], ...expiry }, later: 'no' })).status).toBe(400);
      expect((await send(named, { c: { number: PANS[i], cvc: Number(CVVS[i]), ...expiry }, later: false })).status).toBe(400);
      expect((await send(named, { c: { number: PANS[i], csc: CVVS[i], cvvCode: CVVS[i], ...expiry }, later: false })).status).toBe(400);
      expect((await send(PAY, { input: { provider: 'cardgateway', amount: eur, source: { card: { ...card(Number(PANS[i]) as never), cvc: CVVS[i] } } } })).status).toBe(400);
    }
  });

  it('refuses a card number put in a field that is not a card field, and stores nothing of it', async () => {
    const base = { provider: 'cardgateway', amount: eur, source: { card: card('4111111111111111') } };
    for (let i = 0; i < PANS.length; i++) {
      const pan = SPELLINGS[i](PANS[i]);
      const misplaced: Record<string, unknown>[] = [
        { metadata: { note: pan } },
        { metadata: { [pan]: 'v' } },
        { idempotencyKey: PANS[i] },
        { description: `card ${pan}` },
        { provider: pan },
        { returnUrl: `https://shop.example/done?c=${PANS[i]}` },
        { orderId: PANS[i] },
        { customerId: pan },
      ];
      for (const extra of misplaced) {
        const res = await send(PAY, { input: { ...base, ...extra, idempotencyKey: extra.idempotencyKey ?? `misplaced-${++key}` } });
        const refused = res.status >= 400 || res.body.data?.pay.userErrors.length > 0;
        expect({ extra: Object.keys(extra), refused }).toEqual({ extra: Object.keys(extra), refused: true });
      }
      const customer = await send('mutation($input: CreateCustomerInput!) { createCustomer(input: $input) { customer { id } userErrors { code } } }', {
        input: { externalId: pan, firstName: `Ada ${pan}` },
      });
      expect(customer.status).toBe(400);
      for (const header of ['x-acting-site', 'idempotency-key']) {
        expect((await send(PAY, { input: base }, { [header]: pan.replace(/\t/g, ' ') })).status).toBe(400);
      }
      const named = await send(`mutation Pay${PANS[i]}($input: PayInput!) { pay(input: $input) { transaction { id } } }`, { input: base }, {}, `Pay${PANS[i]}`);
      expect(named.status).toBe(400);
      const unknownName = await send(PAY, { input: base }, {}, `Pay${PANS[i]}`);
      expect(unknownName.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('finds none of the markers in any log line, response body or database row', async () => {
    const rows = await dumpRows(f.t.em());
    const lines = f.t.logs;
    const sources: [string, string[]][] = [
      ['log lines', lines],
      ['response bodies', bodies],
      ['database rows', rows],
    ];
    const hits: string[] = [];
    for (const [name, texts] of sources) {
      for (const raw of texts) {
        // Ids the gateway generates (request ids, row ids) are UUIDs: a 4-hex group like "4738" in one is not a CVV
        // the client sent, and matched the CVV marker by chance in a clean-clone run.
        const text = raw.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>');
        // JSON escapes of whitespace and the separators themselves are removed, so a spaced or tabbed number is found too.
        const digits = text.replace(/\\[tnr]|[\s-]/g, '');
        for (const pan of PANS) if (digits.includes(pan)) hits.push(`${name}: card ${pan}: ${text.slice(0, 300)}`);
        for (const cvv of CVVS) if (cvvToken(cvv).test(text)) hits.push(`${name}: cvv ${cvv}: ${text.slice(0, 300)}`);
      }
    }
    process.stdout.write(`card-data scan: ${lines.length} log lines, ${bodies.length} response bodies, ${rows.length} database rows\n`);
    expect(lines.length).toBeGreaterThan(200);
    expect(rows.length).toBeGreaterThan(50);
    expect(hits).toEqual([]);
  });
});
