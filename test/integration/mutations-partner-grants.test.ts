import { PartnerGrant } from '../../src/domain/sites/partner-grant.entity';
import { Scope, TestApp, type TestSite } from '../support/app';

const GRANT = `mutation ($input: GrantPartnerAccessInput!) {
  grantPartnerAccess(input: $input) {
    grant { id scopes revokedAt partner { id name kind } }
    userErrors { code field message }
  }
}`;
const REVOKE = `mutation ($input: RevokePartnerAccessInput!) {
  revokePartnerAccess(input: $input) { grant { id revokedAt } userErrors { code field message } }
}`;
const LIST = '{ partnerGrants(first: 10) { nodes { id scopes revokedAt partner { name } } } }';
const VIEWER = '{ viewer { scopes actingSite { name } } }';
const siteGid = (id: string) => Buffer.from(`Site:${id}`).toString('base64url');

describe('grantPartnerAccess, revokePartnerAccess and partnerGrants', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t?.close());

  const grantsOf = (site: TestSite) => t.em().find(PartnerGrant, { site: site.site.id }, { orderBy: { createdAt: 'asc' } });

  it('lets a granted partner act for the site with the granted scopes', async () => {
    const m = await t.merchant(undefined, 'Shop');
    const p = await t.partner('Agency');
    const res = await t.gql(GRANT, { input: { partnerSiteId: siteGid(p.site.id), scopes: ['READ', 'PAY'] } }, { key: m.key });
    expect(res.data?.grantPartnerAccess).toMatchObject({
      userErrors: [],
      grant: { scopes: ['PAY', 'READ'], revokedAt: null, partner: { id: siteGid(p.site.id), name: 'Agency', kind: 'PARTNER' } },
    });
    const viewer = await t.gql(VIEWER, undefined, { key: p.key, actingSite: m.site.id });
    expect(viewer.data?.viewer).toEqual({ scopes: ['PAY', 'READ'], actingSite: { name: 'Shop' } });
  });

  it('accepts the partner site id as a bare uuid too', async () => {
    const m = await t.merchant();
    const p = await t.partner();
    const res = await t.gql(GRANT, { input: { partnerSiteId: p.site.id, scopes: ['READ'] } }, { key: m.key });
    expect(res.data?.grantPartnerAccess.userErrors).toEqual([]);
  });

  it('replaces the scopes of the active grant when granting again instead of adding a second grant', async () => {
    const m = await t.merchant();
    const p = await t.partner();
    await t.gql(GRANT, { input: { partnerSiteId: siteGid(p.site.id), scopes: ['ADMIN'] } }, { key: m.key });
    await t.gql(GRANT, { input: { partnerSiteId: siteGid(p.site.id), scopes: ['READ'] } }, { key: m.key });
    const grants = await grantsOf(m);
    expect(grants.map((g) => g.scopes)).toEqual([[Scope.READ]]);
    const viewer = await t.gql(VIEWER, undefined, { key: p.key, actingSite: m.site.id });
    expect(viewer.data?.viewer.scopes).toEqual(['READ']);
  });

  it('refuses a merchant site or an unknown id as partner with NOT_FOUND and writes nothing', async () => {
    const m = await t.merchant();
    const other = await t.merchant();
    for (const partnerSiteId of [siteGid(other.site.id), 'garbage', siteGid('00000000-0000-4000-8000-000000000000')]) {
      const res = await t.gql(GRANT, { input: { partnerSiteId, scopes: ['READ'] } }, { key: m.key });
      expect(res.data?.grantPartnerAccess).toMatchObject({ grant: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'partnerSiteId'] }] });
    }
    expect(await grantsOf(m)).toHaveLength(0);
  });

  it('revokes a grant so the partner is refused on its next request, and lists it as revoked', async () => {
    const m = await t.merchant();
    const p = await t.partner('Gone');
    const granted = await t.gql(GRANT, { input: { partnerSiteId: siteGid(p.site.id), scopes: ['READ'] } }, { key: m.key });
    const id = granted.data?.grantPartnerAccess.grant.id;
    const res = await t.gql(REVOKE, { input: { id } }, { key: m.key });
    expect(res.data?.revokePartnerAccess).toMatchObject({ userErrors: [], grant: { id, revokedAt: expect.any(String) } });
    expect((await t.gql(VIEWER, undefined, { key: p.key, actingSite: m.site.id })).status).toBe(403);
    const list = await t.gql(LIST, undefined, { key: m.key });
    expect(list.data?.partnerGrants.nodes).toEqual([{ id, scopes: ['READ'], revokedAt: res.data?.revokePartnerAccess.grant.revokedAt, partner: { name: 'Gone' } }]);
  });

  it("cannot revoke another site's grant", async () => {
    const a = await t.merchant();
    const b = await t.merchant();
    const p = await t.partner();
    const theirs = await t.gql(GRANT, { input: { partnerSiteId: siteGid(p.site.id), scopes: ['READ'] } }, { key: b.key });
    const res = await t.gql(REVOKE, { input: { id: theirs.data?.grantPartnerAccess.grant.id } }, { key: a.key });
    expect(res.data?.revokePartnerAccess.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: ['input', 'id'] })]);
    expect((await t.gql(VIEWER, undefined, { key: p.key, actingSite: b.site.id })).status).toBe(200);
  });

  it('does not let a partner widen its own grant', async () => {
    const m = await t.merchant();
    const p = await t.partner();
    await t.sites().grantPartner(m.site, p.site, [Scope.ADMIN]);
    const res = await t.gql(GRANT, { input: { partnerSiteId: siteGid(p.site.id), scopes: ['ADMIN'] } }, { key: p.key, actingSite: m.site.id });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(LIST, undefined, { key: p.key, actingSite: m.site.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
