import { randomUUID } from 'node:crypto';
import { Scope } from '../../src/domain/sites/api-key.entity';
import { PaysafecardGateway } from '../providers/paysafecard/gateway-fixture';
import { MAX } from '../providers/paysafecard/sandbox-client';

let g: PaysafecardGateway;
beforeAll(async () => {
  g = await PaysafecardGateway.start();
}, 60_000);
afterAll(() => g?.close(), 60_000);

const SETTINGS = 'customerDataMatch { fields threshold acceptAccountless }';
const VIEWER = `query { viewer { actingSite { name ${SETTINGS} } site { name ${SETTINGS} } } }`;
const UPDATE = `mutation($input: UpdateCustomerDataMatchInput!) { updateCustomerDataMatch(input: $input) {
  site { name ${SETTINGS} } replayed userErrors { code field message } } }`;
const DEFAULTS = { fields: ['firstName', 'lastName', 'birthDate'], threshold: 90, acceptAccountless: true };

const update = (input: Record<string, unknown>, key = g.merchant.key, actingSite?: string) =>
  g.t.gql(UPDATE, { input: { idempotencyKey: randomUUID(), ...input } }, { key, actingSite });
const current = async () => (await g.t.gql(VIEWER, undefined, { key: g.merchant.key })).data!.viewer.actingSite.customerDataMatch;
/** Close to the account's Max Michael Musterman only in the last name, at 80 % (Mustermaxx/Musterman). */
const maximillian = { firstName: 'Maximillian', lastName: 'Mustermaxx', birthDate: '1990-09-28', email: 'max.mustermann@hotmail.com' };

describe('issue 11: the customer data comparison settings of a site through GraphQL', () => {
  it('shows the defaults on the acting site before anything is set', async () => {
    expect(await current()).toEqual(DEFAULTS);
  });

  it('refuses a threshold outside 0–100 % and an unknown field as userErrors, and changes nothing', async () => {
    const high = (await update({ threshold: 100.5 })).data!.updateCustomerDataMatch;
    expect(high).toMatchObject({ site: null, userErrors: [{ code: 'INVALID_THRESHOLD', field: ['input', 'threshold'] }] });
    const negative = (await update({ threshold: -1 })).data!.updateCustomerDataMatch;
    expect(negative.userErrors).toMatchObject([{ code: 'INVALID_THRESHOLD', field: ['input', 'threshold'] }]);
    const unknown = (await update({ fields: ['firstName', 'nickname'] })).data!.updateCustomerDataMatch;
    expect(unknown.userErrors).toMatchObject([{ code: 'UNKNOWN_FIELD', field: ['input', 'fields', '1'], message: expect.stringContaining('nickname') }]);
    expect(await current()).toEqual(DEFAULTS);
  });

  it('declines a payment under the defaults that the new settings then accept, and refuses account-less payments once told to', async () => {
    const before = await g.journey(maximillian, MAX);
    expect(before.settled).toMatchObject({ status: 'DECLINED', declineReasonCode: 'CUSTOMER_DATA_MISMATCH' });

    const res = (await update({ fields: ['lastName'], threshold: 80, acceptAccountless: false })).data!.updateCustomerDataMatch;
    expect(res).toEqual({ site: { name: g.merchant.site.name, customerDataMatch: { fields: ['lastName'], threshold: 80, acceptAccountless: false } }, replayed: false, userErrors: [] });
    expect(await current()).toEqual({ fields: ['lastName'], threshold: 80, acceptAccountless: false });

    const after = await g.journey(maximillian, MAX);
    expect(after.settled.status).toBe('SUCCEEDED');
    const accountless = await g.journey(maximillian, { kind: 'accountless' });
    expect(accountless.settled).toMatchObject({ status: 'DECLINED', declineReasonCode: 'CUSTOMER_DATA_MISMATCH' });

    const partial = (await update({ acceptAccountless: true })).data!.updateCustomerDataMatch;
    expect(partial.site.customerDataMatch).toEqual({ fields: ['lastName'], threshold: 80, acceptAccountless: true });
  });

  it('needs the ADMIN scope: from a site key, and from a partner acting for the site under a grant that has it', async () => {
    const payOnly = (await g.t.sites().createApiKey(g.merchant.site, 'pay only', [Scope.PAY])).plaintext;
    expect((await update({ threshold: 95 }, payOnly)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const reader = await g.t.partner('reading partner');
    await g.t.sites().grantPartner(g.merchant.site, reader.site, [Scope.READ, Scope.PAY]);
    expect((await update({ threshold: 95 }, reader.key, g.merchant.site.id)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const admin = await g.t.partner('admin partner');
    await g.t.sites().grantPartner(g.merchant.site, admin.site, [Scope.ADMIN]);
    const done = (await update({ threshold: 95 }, admin.key, g.merchant.site.id)).data!.updateCustomerDataMatch;
    expect(done).toMatchObject({ userErrors: [], site: { customerDataMatch: { threshold: 95 } } });
    expect((await update({ threshold: 95 }, admin.key)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const partnerView = (await g.t.gql(VIEWER, undefined, { key: admin.key, actingSite: g.merchant.site.id })).data!.viewer;
    expect(partnerView).toMatchObject({ actingSite: { customerDataMatch: { threshold: 95 } }, site: { customerDataMatch: null } });
  });
});
