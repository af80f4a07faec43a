import { Order } from '../../src/domain/orders/order.entity';
import { Scope, TestApp, type TestSite } from '../support/app';

const VIEWER = '{ viewer { scopes actingSite { name } isPartner } }';
const CREATE_ORDER = `mutation ($input: CreateOrderInput!) {
  createOrder(input: $input) { order { id } userErrors { code field message } }
}`;
const CREATE_KEY = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }`;
const REVOKE_KEY = `mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { userErrors { code } } }`;
const GRANT = `mutation ($input: GrantPartnerAccessInput!) { grantPartnerAccess(input: $input) { grant { id } } }`;
const REVOKE_GRANT = `mutation ($input: RevokePartnerAccessInput!) { revokePartnerAccess(input: $input) { userErrors { code } } }`;
const order = (reference: string) => ({ input: { reference, amount: { amount: '1.00', currency: 'EUR' } } });

describe('authentication and authorization', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => {
    t = await TestApp.start();
    m = await t.merchant(undefined, 'Shop');
  });
  afterAll(() => t?.close());

  const expectRefused = (res: { status: number; errors?: { extensions?: Record<string, any> }[]; data?: unknown }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(res.data ?? null).toBeNull();
  };
  const ordersOf = (site: TestSite) => t.em().count(Order, { site: site.site.id });

  it('answers 401 without an API key, and writes nothing', async () => {
    expectRefused(await t.gql(CREATE_ORDER, order('anon')), 401, 'UNAUTHENTICATED');
    expectRefused(await t.gql(VIEWER, undefined, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401, 'UNAUTHENTICATED');
    expect(await t.em().count(Order, { reference: 'anon' })).toBe(0);
  });

  it.each([
    ['a malformed key', 'not-a-key'],
    ['a well-formed key that was never issued', `pgk_${'0'.repeat(12)}_${'A'.repeat(43)}`],
    ['a real prefix with a wrong secret', 'WRONG_SECRET'],
  ])('answers 401 for %s without saying which part was wrong', async (_what, key) => {
    const token = key === 'WRONG_SECRET' ? m.key.slice(0, 17) + 'B'.repeat(43) : key;
    const res = await t.gql(VIEWER, undefined, { key: token });
    expectRefused(res, 401, 'UNAUTHENTICATED');
    expect(res.errors?.[0].message).toBe('invalid or revoked API key');
  });

  it('answers 401 for a revoked key', async () => {
    const created = (await t.gql(CREATE_KEY, { input: { name: 'tmp', scopes: ['READ'] } }, { key: m.key })).data?.createApiKey;
    expect((await t.gql(VIEWER, undefined, { key: created.key })).status).toBe(200);
    await t.gql(REVOKE_KEY, { input: { id: created.apiKey.id } }, { key: m.key });
    expectRefused(await t.gql(VIEWER, undefined, { key: created.key }), 401, 'UNAUTHENTICATED');
  });

  it('refuses createOrder to a read-only key with FORBIDDEN and writes nothing', async () => {
    const readOnly = await t.merchant([Scope.READ]);
    const res = await t.gql(CREATE_ORDER, order('ro'), { key: readOnly.key });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0].message).toContain('"pay" scope');
    expect(res.data?.createOrder ?? null).toBeNull();
    expect(await ordersOf(readOnly)).toBe(0);
  });

  it('answers 403 to a partner without a grant from the site', async () => {
    const p = await t.partner();
    expectRefused(await t.gql(CREATE_ORDER, order('p1'), { key: p.key, actingSite: m.site.id }), 403, 'FORBIDDEN');
    expect(await ordersOf(m)).toBe(0);
  });

  it('answers 403 to a partner whose grant was revoked', async () => {
    const p = await t.partner();
    const grant = await t.gql(GRANT, { input: { partnerSiteId: p.site.id, scopes: ['PAY'] } }, { key: m.key });
    expect((await t.gql(CREATE_ORDER, order('before-revoke'), { key: p.key, actingSite: m.site.id })).data?.createOrder.userErrors).toEqual([]);
    await t.gql(REVOKE_GRANT, { input: { id: grant.data?.grantPartnerAccess.grant.id } }, { key: m.key });
    expectRefused(await t.gql(CREATE_ORDER, order('after-revoke'), { key: p.key, actingSite: m.site.id }), 403, 'FORBIDDEN');
    expect((await t.em().find(Order, { site: m.site.id })).map((o) => o.reference)).toEqual(['before-revoke']);
  });

  it("narrows a partner key's scopes to the grant's", async () => {
    const shop = await t.merchant(undefined, 'Narrow shop');
    const p = await t.partner('Partner', [Scope.READ, Scope.PAY, Scope.REFUND]);
    await t.gql(GRANT, { input: { partnerSiteId: p.site.id, scopes: ['READ', 'PAYOUT'] } }, { key: shop.key });
    const viewer = await t.gql(VIEWER, undefined, { key: p.key, actingSite: shop.site.id });
    expect(viewer.data?.viewer).toEqual({ scopes: ['READ'], actingSite: { name: 'Narrow shop' }, isPartner: true });
    const res = await t.gql(CREATE_ORDER, order('narrowed'), { key: p.key, actingSite: shop.site.id });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await ordersOf(shop)).toBe(0);
  });

  it('refuses a partner key that names no acting site anything but viewer', async () => {
    const p = await t.partner();
    await t.sites().grantPartner(m.site, p.site, [Scope.READ, Scope.PAY]);
    const res = await t.gql(CREATE_ORDER, order('no-site'), { key: p.key });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(res.data?.createOrder ?? null).toBeNull();
    expect(res.errors?.[0].message).toContain('X-Acting-Site');
    expect((await t.gql(VIEWER, undefined, { key: p.key })).data?.viewer).toMatchObject({ scopes: [], isPartner: true });
  });

  it('answers 403 to a site key that names another site in X-Acting-Site', async () => {
    const other = await t.merchant();
    expectRefused(await t.gql(CREATE_ORDER, order('elsewhere'), { key: m.key, actingSite: other.site.id }), 403, 'FORBIDDEN');
    expect(await ordersOf(other)).toBe(0);
  });

  it('accepts a site key naming its own site, as uuid or as global id', async () => {
    const gid = Buffer.from(`Site:${m.site.id}`).toString('base64url');
    for (const actingSite of [m.site.id, gid]) {
      expect((await t.gql(VIEWER, undefined, { key: m.key, actingSite })).data?.viewer.actingSite).toEqual({ name: 'Shop' });
    }
  });

  it('keeps keys random and stores only their hash: no table holds a plaintext key or its secret', async () => {
    const res = await t.gql(CREATE_KEY, { input: { name: 'stored', scopes: ['READ'], idempotencyKey: 'k' } }, { key: m.key });
    const plaintext: string = res.data?.createApiKey.key;
    // The secret is base64url, so it may itself contain '_': take everything after the prefix.
    const secret = /^pgk_[0-9a-f]{12}_(.{43})$/.exec(plaintext)![1];
    const tables = await t.em().execute<{ table_name: string }[]>(
      `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    for (const { table_name } of tables) {
      const rows = await t.em().execute<{ row: string }[]>(`select row_to_json(x)::text as row from "${table_name}" x`);
      for (const { row } of rows) expect(row).not.toContain(secret);
    }
    const again = await t.gql(CREATE_KEY, { input: { name: 'stored', scopes: ['READ'] } }, { key: m.key });
    expect(again.data?.createApiKey.key).not.toBe(plaintext);
    expect(t.logs.join('')).not.toContain(secret);
  });
});
