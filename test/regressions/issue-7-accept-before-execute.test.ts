import { rowCounts } from '../support/table-rows';
import { PAY, card, sandboxRequests, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('issue 7: content negotiation is decided before anything executes', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(() => f?.t.close());

  it.each(['text/html', 'application/xml', 'text/html, application/xhtml+xml;q=0.9', 'application/json;q=0'])(
    'answers a pay sent with Accept: %s with 406 and charges nothing, writes no transaction and keeps no idempotency key',
    async (accept) => {
      const requestsBefore = (await sandboxRequests(f.sandbox)).length;
      const rowsBefore = await rowCounts(f.t.em());
      const input = { provider: 'cardgateway', amount: eur('10.00'), source: { card: card() }, idempotencyKey: `accept-${accept.replace(/[^a-z]/g, "")}` };
      const res = await f.gql(PAY, { input }, { headers: { accept } });
      expect((await sandboxRequests(f.sandbox)).length).toBe(requestsBefore);
      expect(await rowCounts(f.t.em())).toEqual(rowsBefore);
      expect(res.status).toBe(406);
      expect(res.errors?.[0].extensions?.code).toBe('NOT_ACCEPTABLE');
    },
  );

  it.each(['application/json', 'application/graphql-response+json', '*/*', 'application/*', 'text/html, */*;q=0.1'])(
    'still pays when Accept is %s',
    async (accept) => {
      const input = { provider: 'cardgateway', amount: eur('1.00'), source: { card: card() }, idempotencyKey: `ok-${accept.replace(/[^a-z]/g, "")}` };
      const res = await f.gql(PAY, { input }, { headers: { accept } });
      expect(res.status).toBe(200);
      expect(res.data!.pay).toMatchObject({ userErrors: [], transaction: { status: 'SUCCEEDED' } });
    },
  );
});
