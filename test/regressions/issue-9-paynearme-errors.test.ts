import { SiteKind } from '../../src/domain/sites/site.entity';
import { ALL_SCOPES } from '../../src/domain/sites/site.service';
import { DEMO, LOOKUP_BASIC, PAY, SEEDED, TRANSACTIONS, clearRequests, key, sandboxRequests, setKnobs, startFixture, type Fixture } from './issue-9-paynearme-fixture';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
}, 60_000);
afterAll(() => f?.t.close(), 30_000);

const lookup = (keyOf: string, variables: Record<string, unknown>, actingSite?: string) => f.t.gql(LOOKUP_BASIC, { p: 'paynearme', ...variables }, { key: keyOf, actingSite });
/** The provider's own code is never the userError's code: it is PROVIDER_REFUSED with providerCode beside it. */
const LOOKUP_PROVIDER_CODE = LOOKUP_BASIC.replace('userErrors { code field message }', 'userErrors { code field message providerCode }');

describe("issue 9: PayNearMe errors keep the provider's text", () => {
  it('answers an unknown order as NOT_FOUND, and the provider refusal of an unknown site order id keeps its text', async () => {
    const res = await lookup(f.merchant.key, { id: '99999999999' });
    expect(res.data?.providerOrder).toEqual({ order: null, userErrors: [{ code: 'NOT_FOUND', field: ['providerOrderId'], message: 'the provider has no such order' }] });
  });

  it('reports the sandbox clock 301 s ahead as the timestamp error, with the document text', async () => {
    await setKnobs(f, { clockSkewSeconds: 301 });
    try {
      const res = await f.t.gql(LOOKUP_PROVIDER_CODE, { p: 'paynearme', id: SEEDED.carPayment.pnm }, { key: f.merchant.key });
      expect(res.data?.providerOrder.userErrors).toEqual([
        { code: 'PROVIDER_REFUSED', providerCode: 'TIMESTAMP_OUT_OF_RANGE', field: ['providerOrderId'], message: 'Timestamp is out of range (+/- 300 seconds)' },
      ]);
    } finally {
      await setKnobs(f, { clockSkewSeconds: 0 });
    }
  });

  it('reports a wrong secret as the signature error showing the redacted string PayNearMe verified', async () => {
    const sites = f.t.sites();
    const wrong = await sites.createSite('Wrong secret', SiteKind.MERCHANT, { paynearme: { ...DEMO, secretKey: 'not-the-secret' } });
    const wrongKey = (await sites.createApiKey(wrong, 'k', ALL_SCOPES)).plaintext;
    const res = await f.t.gql(LOOKUP_PROVIDER_CODE, { p: 'paynearme', id: SEEDED.carPayment.pnm }, { key: wrongKey });
    const [error] = res.data?.providerOrder.userErrors ?? [];
    expect({ code: error.code, providerCode: error.providerCode }).toEqual({ code: 'PROVIDER_REFUSED', providerCode: 'SIGNATURE_NOT_CORRECT' });
    expect(error.message).toMatch(/^Signature is not correct -- string used for signature verification \(redacted\): pnm_order_identifier85237034088proxy_site_identifierS2155373459return_minimal_infotruesite_identifierS3PPP000001timestamp\d+version3\.0$/);
  });

  it('rejects a site order id with characters outside letters, digits, ".", "-" and "_" before calling PayNearMe', async () => {
    await clearRequests(f);
    const res = await lookup(f.merchant.key, { site: 'CAR 2026/0042' });
    expect(res.data?.providerOrder.userErrors).toEqual([{ code: 'INVALID_CHARACTERS', field: ['siteOrderId'], message: expect.stringContaining('site_order_identifier') }]);
    expect(await sandboxRequests(f)).toEqual([]);
  });
});

describe('issue 9: the partner model (3PPP)', () => {
  it("signs as the partner for the client site it has a grant from: site_identifier the partner's, proxy_site_identifier the client's", async () => {
    await clearRequests(f);
    const res = await lookup(f.partner.key, { id: SEEDED.carPayment.pnm }, f.client.site.id);
    expect(res.data?.providerOrder.userErrors).toEqual([]);
    const [call] = await sandboxRequests(f);
    expect(call?.params).toMatchObject({ site_identifier: DEMO.siteIdentifier, proxy_site_identifier: DEMO.proxySiteIdentifier });
  });

  it('refuses a partner without a grant before anything reaches PayNearMe', async () => {
    await clearRequests(f);
    const res = await lookup(f.stranger.key, { id: SEEDED.carPayment.pnm }, f.client.site.id);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.data?.providerOrder ?? null).toBeNull();
    expect(await sandboxRequests(f)).toEqual([]);
  });

  it('records payments a partner made on the site\'s behalf, and the transactions query tells them apart', async () => {
    const order = (await lookup(f.partner.key, { id: SEEDED.gamingDeposit.pnm }, f.client.site.id)).data?.providerOrder.order;
    const card = { number: '4111111111111111', expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' };
    const viaPartner = await f.t.gql(PAY, { input: { ...key(), provider: 'paynearme', orderId: order.orderId, source: { card }, amount: { amount: '15.00', currency: 'USD' } } }, { key: f.partner.key, actingSite: f.client.site.id });
    expect(viaPartner.data?.pay.transaction).toMatchObject({ status: 'SUCCEEDED', onBehalfOfPartner: true });
    const own = (await lookup(f.client.key, { id: SEEDED.gamingDeposit.pnm })).data?.providerOrder;
    // The client site holds no 3PPP keys of its own: only a partner can reach PayNearMe for it.
    expect(own.userErrors).toEqual([{ code: 'NO_PROXY_PARTNER', field: ['provider'], message: expect.stringContaining('3PPP') }]);
    const ownPay = await f.t.gql(PAY, { input: { ...key(), provider: 'paynearme', orderId: order.orderId, source: { card }, amount: { amount: '15.00', currency: 'USD' } } }, { key: f.client.key });
    expect(ownPay.data?.pay).toMatchObject({ transaction: null, userErrors: [{ code: 'NO_PROXY_PARTNER', field: ['input', 'provider'] }] });
    const read = async (partner: boolean | null) =>
      (await f.t.gql(TRANSACTIONS, { partner }, { key: f.client.key })).data?.transactions.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await read(true)).toEqual([viaPartner.data?.pay.transaction.id]);
    expect(await read(false)).toEqual([]);
    expect(await read(null)).toEqual([viaPartner.data?.pay.transaction.id]);
  });
});
