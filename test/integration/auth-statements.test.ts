import { Scope, TestApp, type GqlResult, type TestSite } from '../support/app';
import { SqlCounter } from '../support/sql-counter';

const VIEWER = '{ viewer { scopes site { name kind } actingSite { name } isPartner } }';

/**
 * Every request pays for authentication before anything else, so its statements are counted: the key and its
 * site come from one join, a partner's grant from one more, and last-used is written at most once a minute.
 */
/** Background sweeps (reconciler) share the pool; only the statements of this path are counted. */
const ofAuthPath = (statements: string[]) => statements.filter((s) => /\b(api_key|site|partner_grant)\b/.test(s));

describe('authentication cost', () => {
  let t: TestApp;
  let m: TestSite;
  let sql: SqlCounter;
  beforeAll(async () => {
    ({ t, m } = await TestApp.withMerchant());
    sql = new SqlCounter(t.running.orm);
  });
  afterAll(() => t?.close());

  it('authenticates a site key with one statement, writing last-used on the first request only', async () => {
    const first = ofAuthPath(await sql.statementsDuring(() => t.gql(VIEWER, undefined, { key: m.key })));
    let res!: GqlResult;
    const second = ofAuthPath(
      await sql.statementsDuring(async () => {
        res = await t.gql(VIEWER, undefined, { key: m.key });
      }),
    );
    expect(res.data?.viewer).toEqual({ scopes: ['ADMIN', 'PAYOUT', 'PAY', 'READ', 'REFUND'].sort(), site: { name: 'Merchant', kind: 'MERCHANT' }, actingSite: { name: 'Merchant' }, isPartner: false });
    // The key (with its site) and the last-used write; then the key comes from the cache of verified keys
    // (verified-keys.ts), and the viewer answers its own site from the key's copy: nothing is read.
    expect(first).toHaveLength(2);
    expect(first.filter((s) => /^update api_key/.test(s))).toHaveLength(1);
    expect(second).toEqual([]);
  });

  it('reads the site’s settings for the viewer, so a change made by another instance shows at once', async () => {
    const SETTINGS = '{ viewer { site { name customerDataMatch { threshold } } } }';
    const threshold = async () => (await t.gql(SETTINGS, undefined, { key: m.key })).data?.viewer.site.customerDataMatch.threshold;
    const before = await threshold();
    // Another instance (or an operator) changes the settings: this instance's cached key knows nothing of it.
    await t.em().getConnection().execute(`update site set customer_data_match = '{"threshold": 0.55}' where id = ?`, [m.site.id]);
    const statements = ofAuthPath(await sql.statementsDuring(async () => expect(await threshold()).toBe(55)));
    expect(before).not.toBe(55);
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toMatch(/api_key/);
  });

  it('authenticates a partner with one more statement for the grant, and scopes it by the grant', async () => {
    const partner = await t.partner('Agency', [Scope.READ, Scope.PAY]);
    await t.sites().grantPartner(m.site, partner.site, [Scope.READ]);
    await t.gql(VIEWER, undefined, { key: partner.key, actingSite: m.site.id });
    let res!: GqlResult;
    const statements = ofAuthPath(
      await sql.statementsDuring(async () => {
        res = await t.gql(VIEWER, undefined, { key: partner.key, actingSite: m.site.id });
      }),
    );
    expect(res.data?.viewer).toEqual({ scopes: ['READ'], site: { name: 'Agency', kind: 'PARTNER' }, actingSite: { name: 'Merchant' }, isPartner: true });
    // The key is cached after the first request; the grant is read every time (its revocation is not cached).
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/partner_grant/);
  });

  it('still refuses an unknown key prefix, with the same message as a wrong secret', async () => {
    const wrongSecret = m.key.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const unknownPrefix = m.key.replace(/^pgk_[0-9a-f]{12}/, 'pgk_000000000000');
    const [a, b] = [await t.gql(VIEWER, undefined, { key: wrongSecret }), await t.gql(VIEWER, undefined, { key: unknownPrefix })];
    expect([a.status, b.status]).toEqual([401, 401]);
    expect(a.errors?.[0].message).toBe(b.errors?.[0].message);
  });
});
