import { TestApp } from '../support/app';

describe('viewer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t?.close());

  it('tells a site key which site it is and acts for', async () => {
    const m = await t.merchant();
    const res = await t.gql('{ viewer { site { name kind } actingSite { name } isPartner scopes } }', undefined, { key: m.key });
    expect(res.errors).toBeUndefined();
    expect(res.data?.viewer).toEqual({
      site: { name: 'Merchant', kind: 'MERCHANT' },
      actingSite: { name: 'Merchant' },
      isPartner: false,
      scopes: ['ADMIN', 'PAY', 'PAYOUT', 'READ', 'REFUND'],
    });
  });

  it('answers 401 without an API key', async () => {
    const res = await t.gql('{ viewer { isPartner } }');
    expect(res.status).toBe(401);
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
