import { TestApp, type TestSite } from '../support/app';

const LISTS = ['payouts', 'paymentMethods', 'scheduledPayments'] as const;

describe('the customer and provider filters shared by payouts, paymentMethods and scheduledPayments', () => {
  let t: TestApp;
  let m: TestSite;
  beforeAll(async () => ({ t, m } = await TestApp.withMerchant()));
  afterAll(() => t?.close());

  it.each(LISTS)('%s refuses a provider filter longer than 64 characters with a clear error and no data', async (list) => {
    const res = await t.gql(`{ ${list}(provider: "${'p'.repeat(65)}") { nodes { id } } }`, undefined, { key: m.key });
    expect(res.data).toEqual({ [list]: null });
    expect(res.errors).toEqual([
      expect.objectContaining({
        message: 'provider must be shorter than or equal to 64 characters',
        path: [list],
        extensions: expect.objectContaining({ code: 'INVALID_INPUT' }),
      }),
    ]);
  });

  it.each(LISTS)('%s accepts a 64-character provider and a customer id, answering an empty page', async (list) => {
    const customerId = Buffer.from('Customer:00000000-0000-4000-8000-000000000000').toString('base64url');
    const res = await t.gql(`query ($c: ID) { ${list}(provider: "${'p'.repeat(64)}", customerId: $c) { nodes { id } } }`, { c: customerId }, { key: m.key });
    expect(res.errors).toBeUndefined();
    expect(res.data?.[list]).toEqual({ nodes: [] });
  });
});
