import { ApiKey } from '../../src/domain/sites/api-key.entity';
import { Scope, TestApp, type TestSite } from '../support/app';

const CREATE_KEY = `mutation ($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    key
    apiKey { id name prefix scopes createdAt revokedAt lastUsedAt }
    userErrors { code field message }
    replayed
  }
}`;
const REVOKE_KEY = `mutation ($input: RevokeApiKeyInput!) {
  revokeApiKey(input: $input) { apiKey { id revokedAt } userErrors { code field message } }
}`;
const LIST_KEYS = `query ($first: Int, $after: String) {
  apiKeys(first: $first, after: $after) { nodes { id name prefix scopes revokedAt } pageInfo { hasNextPage endCursor } }
}`;
const VIEWER = '{ viewer { apiKeyId scopes } }';

describe('createApiKey, revokeApiKey and apiKeys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t?.close());

  const keysOf = (site: TestSite) => t.em().find(ApiKey, { site: site.site.id }, { orderBy: { createdAt: 'asc' } });

  it('returns a new key once, with the chosen scopes, and the key works', async () => {
    const m = await t.merchant();
    const res = await t.gql(CREATE_KEY, { input: { name: 'checkout', scopes: ['READ', 'PAY', 'READ'] } }, { key: m.key });
    const payload = res.data?.createApiKey;
    expect(payload.userErrors).toEqual([]);
    expect(payload.key).toMatch(/^pgk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(payload.apiKey).toMatchObject({ name: 'checkout', scopes: ['PAY', 'READ'], revokedAt: null });
    expect(payload.key.startsWith(`pgk_${payload.apiKey.prefix}_`)).toBe(true);
    const viewer = await t.gql(VIEWER, undefined, { key: payload.key });
    expect(viewer.data?.viewer).toEqual({ apiKeyId: payload.apiKey.id, scopes: ['PAY', 'READ'] });
  });

  it('records when a key was last used', async () => {
    const m = await t.merchant();
    const created = (await t.gql(CREATE_KEY, { input: { name: 'used', scopes: ['READ'] } }, { key: m.key })).data!.createApiKey;
    expect(created.apiKey.lastUsedAt).toBeNull();
    const before = Date.now();
    await t.gql(VIEWER, undefined, { key: created.key });
    const row = await t.em().findOneOrFail(ApiKey, { prefix: created.apiKey.prefix });
    expect(row.lastUsedAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('replays a retried createApiKey without the secret and creates no second key', async () => {
    const m = await t.merchant();
    const input = { name: 'retry', scopes: ['READ'], idempotencyKey: 'key-1' };
    const first = await t.gql(CREATE_KEY, { input }, { key: m.key });
    const second = await t.gql(CREATE_KEY, { input }, { key: m.key });
    expect(second.data?.createApiKey).toMatchObject({ replayed: true, key: null, apiKey: { id: first.data?.createApiKey.apiKey.id } });
    expect(await keysOf(m)).toHaveLength(2);
  });

  it('revokes a key so that it is refused from then on, and keeps the first revocation time', async () => {
    const m = await t.merchant();
    const created = await t.gql(CREATE_KEY, { input: { name: 'old', scopes: ['READ'] } }, { key: m.key });
    const { key, apiKey } = created.data!.createApiKey;
    const revoked = await t.gql(REVOKE_KEY, { input: { id: apiKey.id } }, { key: m.key });
    expect(revoked.data?.revokeApiKey.userErrors).toEqual([]);
    expect(revoked.data?.revokeApiKey.apiKey.revokedAt).toEqual(expect.any(String));
    expect((await t.gql(VIEWER, undefined, { key })).status).toBe(401);
    const again = await t.gql(REVOKE_KEY, { input: { id: apiKey.id } }, { key: m.key });
    expect(again.data?.revokeApiKey.apiKey.revokedAt).toBe(revoked.data?.revokeApiKey.apiKey.revokedAt);
  });

  it("treats another site's key and a malformed id as NOT_FOUND and revokes nothing", async () => {
    const a = await t.merchant();
    const b = await t.merchant();
    const theirs = (await t.gql(CREATE_KEY, { input: { name: 'b', scopes: ['READ'] } }, { key: b.key })).data?.createApiKey;
    for (const id of [theirs.apiKey.id, 'not-an-id', Buffer.from('Order:00000000-0000-0000-0000-000000000000').toString('base64url')]) {
      const res = await t.gql(REVOKE_KEY, { input: { id } }, { key: a.key });
      expect(res.data?.revokeApiKey).toMatchObject({ apiKey: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'id'] }] });
    }
    expect((await t.gql(VIEWER, undefined, { key: theirs.key })).status).toBe(200);
  });

  it('lists the keys of the acting site newest first, page by page, without any secret', async () => {
    const m = await t.merchant();
    for (const name of ['one', 'two']) await t.gql(CREATE_KEY, { input: { name, scopes: ['READ'] } }, { key: m.key });
    const first = await t.gql(LIST_KEYS, { first: 2 }, { key: m.key });
    expect(first.data?.apiKeys.nodes.map((n: { name: string }) => n.name)).toEqual(['two', 'one']);
    expect(first.data?.apiKeys.pageInfo.hasNextPage).toBe(true);
    const rest = await t.gql(LIST_KEYS, { first: 2, after: first.data?.apiKeys.pageInfo.endCursor }, { key: m.key });
    expect(rest.data?.apiKeys.nodes.map((n: { name: string }) => n.name)).toEqual(['Merchant key']);
    const hashes = (await keysOf(m)).map((k) => k.secretHash);
    for (const hash of hashes) expect(first.body + rest.body).not.toContain(hash);
  });

  it.each([
    ['no scopes', { name: 'x', scopes: [] }, ['input', 'scopes']],
    ['an empty name', { name: '', scopes: ['READ'] }, ['input', 'name']],
    ['a name over 100 characters', { name: 'n'.repeat(101), scopes: ['READ'] }, ['input', 'name']],
  ])('refuses a key with %s and creates nothing', async (_what, input, field) => {
    const m = await t.merchant();
    const res = await t.gql(CREATE_KEY, { input }, { key: m.key });
    expect(res.data?.createApiKey.userErrors).toContainEqual(expect.objectContaining({ code: 'INVALID_INPUT', field }));
    expect(await keysOf(m)).toHaveLength(1);
  });

  it('refuses key management to a key without the admin scope', async () => {
    const m = await t.merchant([Scope.READ, Scope.PAY]);
    const res = await t.gql(CREATE_KEY, { input: { name: 'x', scopes: ['ADMIN'] } }, { key: m.key });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(LIST_KEYS, {}, { key: m.key })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await keysOf(m)).toHaveLength(1);
  });

  it('refuses key management to a partner acting for the site, even with an admin grant', async () => {
    const m = await t.merchant();
    const p = await t.partner();
    await t.sites().grantPartner(m.site, p.site, [Scope.ADMIN]);
    const opts = { key: p.key, actingSite: m.site.id };
    const res = await t.gql(CREATE_KEY, { input: { name: 'sneaky', scopes: ['ADMIN'] } }, opts);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(LIST_KEYS, {}, opts)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [own] = await keysOf(m);
    const revoke = await t.gql(REVOKE_KEY, { input: { id: Buffer.from(`ApiKey:${own.id}`).toString('base64url') } }, opts);
    expect(revoke.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await keysOf(m)).map((k) => [k.name, k.revokedAt ?? null])).toEqual([['Merchant key', null]]);
  });
});
