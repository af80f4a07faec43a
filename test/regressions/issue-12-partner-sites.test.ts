import { PartnerGrant } from '../../src/domain/sites/partner-grant.entity';
import { Scope, TestApp, type TestSite } from '../support/app';

const SITES = `{ viewer { isPartner scopes actingSite { name }
  grantedSites { site { id name kind } grantedScopes effectiveScopes grantedAt } } }`;
const ORDERS = '{ orders(first: 5) { nodes { id } } }';
const gid = (id: string) => Buffer.from(`Site:${id}`).toString('base64url');

describe('issue 12 item 7: a partner finds the sites it may act for', () => {
  let t: TestApp;
  let partner: TestSite;
  let shop: TestSite;
  let cafe: TestSite;
  beforeAll(async () => {
    t = await TestApp.start();
    partner = await t.partner('Agency', [Scope.READ, Scope.PAY]);
    shop = await t.merchant(undefined, 'Shop');
    cafe = await t.merchant(undefined, 'Cafe');
    const revoked = await t.merchant(undefined, 'Gone');
    await t.sites().grantPartner(shop.site, partner.site, [Scope.READ]);
    await t.sites().grantPartner(cafe.site, partner.site, [Scope.ADMIN]);
    const grant = await t.sites().grantPartner(revoked.site, partner.site, [Scope.READ]);
    await t.em().nativeUpdate(PartnerGrant, { id: grant.id }, { revokedAt: new Date() });
  }, 60_000);
  afterAll(() => t?.close());

  it('lists the granting sites with the grant and what this key may do there, without X-Acting-Site', async () => {
    const res = await t.gql(SITES, undefined, { key: partner.key });
    expect(res.errors).toBeUndefined();
    expect(res.data?.viewer).toMatchObject({ isPartner: true, scopes: [], actingSite: { name: 'Agency' } });
    const sites = res.data?.viewer.grantedSites as { site: { id: string; name: string }; grantedScopes: string[]; effectiveScopes: string[] }[];
    expect(sites.map((s) => [s.site.name, s.site.id, s.grantedScopes, s.effectiveScopes])).toEqual([
      ['Shop', gid(shop.site.id), ['READ'], ['READ']],
      ['Cafe', gid(cafe.site.id), ['ADMIN'], ['PAY', 'READ']],
    ]);
  });

  it('lists the same sites while acting for one of them, so a client can switch', async () => {
    const res = await t.gql(SITES, undefined, { key: partner.key, actingSite: gid(shop.site.id) });
    expect(res.data?.viewer.actingSite).toEqual({ name: 'Shop' });
    expect((res.data?.viewer.grantedSites as { site: { name: string } }[]).map((s) => s.site.name)).toEqual(['Shop', 'Cafe']);
  });

  it('refuses everything else without a site named, and says how to name one', async () => {
    const res = await t.gql(ORDERS, undefined, { key: partner.key });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0].message).toContain('X-Acting-Site');
    expect(res.errors?.[0].message).toContain('grantedSites');
  });

  it('shows a site key no granted sites', async () => {
    const res = await t.gql(SITES, undefined, { key: shop.key });
    expect(res.data?.viewer).toMatchObject({ isPartner: false, grantedSites: [] });
  });
});
