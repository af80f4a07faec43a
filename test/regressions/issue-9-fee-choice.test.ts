import { FEES_AND_METHODS, SEEDED, key, sandboxRequests, setKnobs, startFixture, type Fixture } from './issue-9-paynearme-fixture';

/**
 * Issue 9 (7): a fee is a quote the customer chooses from. The chosen option is recorded on the transaction
 * (`fee`, `feeOptionId`) and what PayNearMe charged is checked against it: an option PayNearMe does not quote is
 * refused before anything is sent, and a fee PayNearMe charges other than the chosen one is never recorded
 * silently as the fee — the transaction keeps both, with a `fee_mismatch` event.
 */
const PAY = `mutation($input: PayInput!) { pay(input: $input) {
  transaction { id status reference amount { amount } fee { amount } feeOptionId providerReportedFee { amount } events { nodes { type message } } }
  userErrors { code field message } } }`;

interface Charged {
  sitePaymentId: string;
  netCents: number;
  feeCents: number;
}

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
}, 60_000);
afterAll(() => f?.t.close(), 60_000);
afterEach(() => setKnobs(f, { feeDeltaCents: 0 }));

const gql = (query: string, variables: Record<string, unknown>) => f.t.gql(query, variables, { key: f.merchant.key });
const chargedAt = async (reference: string) => ((await (await fetch(`${f.sandbox.baseUrl}/__sandbox/payments`)).json()) as Charged[]).find((p) => p.sitePaymentId === reference);

async function quoted(channel: string) {
  const order = (await gql(FEES_AND_METHODS, { p: 'paynearme', site: SEEDED.carPayment.site, channel })).data!.providerOrder.order;
  return { orderId: order.orderId, methodId: order.savedMethods.find((m: { active: boolean }) => m.active).paymentMethodId, fees: order.fees as { id: string; fee: { amount: string } }[] };
}

const payWith = async (q: Awaited<ReturnType<typeof quoted>>, feeOptionId: string) =>
  (await gql(PAY, { input: { ...key(), provider: 'paynearme', orderId: q.orderId, source: { paymentMethodId: q.methodId }, amount: { amount: '10.00', currency: 'USD' }, feeOptionId } })).data!.pay;

describe('issue 9: the fee the customer chose', () => {
  it('records the chosen option and its fee; PayNearMe charged exactly the amount plus that fee', async () => {
    const q = await quoted('ivr');
    const paid = await payWith(q, 'credit_card@ivr');
    expect(paid).toMatchObject({ userErrors: [], transaction: { status: 'SUCCEEDED', amount: { amount: '10.00' }, fee: { amount: '3.95' }, feeOptionId: 'credit_card@ivr', providerReportedFee: null } });
    expect(await chargedAt(paid.transaction.reference)).toMatchObject({ netCents: 1_000, feeCents: 395 });
  });

  it('refuses an option PayNearMe does not quote, naming the field, before anything is charged', async () => {
    const q = await quoted('consumer');
    const before = (await sandboxRequests(f)).filter((r) => r.call === 'make_payment').length;
    const refused = await payWith(q, 'bitcoin@consumer');
    expect(refused.transaction).toBeNull();
    expect(refused.userErrors).toEqual([{ code: 'NOT_FOUND', field: ['input', 'feeOptionId'], message: expect.stringContaining('fee option') }]);
    expect((await sandboxRequests(f)).filter((r) => r.call === 'make_payment').length).toBe(before);
  });

  it('keeps the chosen fee and flags the payment when PayNearMe charges another fee', async () => {
    const q = await quoted('ivr');
    await setKnobs(f, { feeDeltaCents: 100 });
    const paid = await payWith(q, 'credit_card@ivr');
    expect(await chargedAt(paid.transaction.reference)).toMatchObject({ netCents: 1_000, feeCents: 495 });
    expect(paid.transaction).toMatchObject({ status: 'SUCCEEDED', amount: { amount: '10.00' }, fee: { amount: '3.95' }, feeOptionId: 'credit_card@ivr', providerReportedFee: { amount: '4.95' } });
    expect(paid.transaction.events.nodes).toContainEqual({ type: 'fee_mismatch', message: expect.stringContaining('4.95') });
  });
});
