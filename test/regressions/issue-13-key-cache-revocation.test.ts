import { TestApp, type TestSite } from '../support/app';
import { PgSession } from '../support/pg-session';
import { SqlCounter } from '../support/sql-counter';
import { REVOKED_CHANNEL } from '../../src/domain/sites/verified-keys';

const VIEWER = '{ viewer { apiKeyId } }';
const CREATE_KEY = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id prefix } userErrors { code } } }`;
const REVOKE_KEY = `mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { id revokedAt } userErrors { code } } }`;

/**
 * Verified API keys are kept a few seconds per instance (verified-keys.ts). Revocation must still take effect
 * on the very next request: on the instance that revoked (it forgets the key) and on every other instance
 * (pg_notify on revoke, LISTEN on each instance). "Another instance" is a second database session doing what
 * ApiKeyService.revoke does there: commit the revocation, then notify.
 */
describe('issue 13: the cache of verified API keys', () => {
  let t: TestApp;
  let admin: TestSite;
  let other: PgSession;
  let sql: SqlCounter;
  beforeAll(async () => {
    ({ t, m: admin } = await TestApp.withMerchant());
    other = await PgSession.open(t.running.deps.config.database.url!);
    sql = new SqlCounter(t.running.orm);
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  async function newKey(): Promise<{ key: string; id: string; prefix: string }> {
    const created = await t.gql(CREATE_KEY, { input: { name: 'cached', scopes: ['READ'] } }, { key: admin.key });
    const { key, apiKey } = created.data!.createApiKey;
    return { key, id: apiKey.id, prefix: apiKey.prefix };
  }

  const viewer = (key: string) => t.gql(VIEWER, undefined, { key });
  const keyReads = (statements: string[]) => statements.filter((s) => /from "api_key"/.test(s));

  it('reads a key from the database once, then answers its next requests from the cache', async () => {
    const k = await newKey();
    expect((await viewer(k.key)).status).toBe(200);
    const again = await sql.statementsDuring(async () => expect((await viewer(k.key)).status).toBe(200));
    expect(keyReads(again)).toHaveLength(0);
  });

  it('still checks the secret of a cached key on every request', async () => {
    const k = await newKey();
    await viewer(k.key);
    const wrong = k.key.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await viewer(wrong)).status).toBe(401);
  });

  it('refuses a cached key on the next request after this instance revokes it', async () => {
    const k = await newKey();
    expect((await viewer(k.key)).status).toBe(200);
    const revoked = await t.gql(REVOKE_KEY, { input: { id: k.id } }, { key: admin.key });
    expect(revoked.data?.revokeApiKey.userErrors).toEqual([]);
    expect((await viewer(k.key)).status).toBe(401);
  });

  it('refuses a cached key once another instance has revoked it and said so', async () => {
    const k = await newKey();
    expect((await viewer(k.key)).status).toBe(200);
    await other.query('update api_key set revoked_at = now() where prefix = $1', [k.prefix]);
    await other.query('select pg_notify($1, $2)', [REVOKED_CHANNEL, k.prefix]);
    const deadline = Date.now() + 2_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      status = (await viewer(k.key)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(401);
  });
});
