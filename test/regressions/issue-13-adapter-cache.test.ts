import { randomUUID } from 'node:crypto';
import { DEMO_MERCHANT } from '../../src/providers/cardgateway/sandbox/server';
import { PAY, card, cardMerchant, chargesAt, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

/**
 * Issue 13 (write path, second round): an adapter is built once per site and stored ciphertext and reused.
 * Credentials changed anywhere (another instance, an operator in SQL) are a new ciphertext in the row, so the
 * next payment is built from them: nothing stale is ever sent.
 */
describe('issue 13: adapters reused per stored credentials', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(() => f?.t.close());

  const setSealed = (siteId: string, sealed: string) =>
    f.t.em().getConnection().execute('update site set provider_credentials = ? where id = ?', [JSON.stringify({ cardgateway: sealed }), siteId]);
  const pay = (key: string) => f.t.gql(PAY, { input: { provider: 'cardgateway', amount: eur('3.00'), source: { card: card() } } }, { key, headers: { 'idempotency-key': randomUUID() } });

  it('pays with credentials written to the row after the adapter was built, and again with the first ones', async () => {
    const merchant = await cardMerchant(f.t, 'Rotating');
    const [{ provider_credentials: original }] = await f.t.em().getConnection().execute<{ provider_credentials: Record<string, string> }[]>(
      'select provider_credentials from site where id = ?',
      [merchant.site.id],
    );
    const first = await pay(merchant.key);
    expect(first.data!.pay.transaction.status).toBe('SUCCEEDED');

    // Credentials the sandbox does not know, sealed for this site as an update by another instance would be.
    const cipher = f.t.running.deps.cipher;
    await setSealed(merchant.site.id, cipher.encrypt({ ...DEMO_MERCHANT, memberId: '99999', secureKey: 'not-the-key' }, { siteId: merchant.site.id, provider: 'cardgateway' }));
    const refused = await pay(merchant.key);
    // The sandbox refuses the new credentials: the payment was sent with them, not with the adapter built before.
    expect(refused.data!.pay.transaction).toEqual(expect.objectContaining({ status: 'FAILED', declineCode: 'INVALID_CREDENTIALS' }));
    expect(await chargesAt(f.sandbox, refused.data!.pay.transaction.reference)).toBe(0);

    await setSealed(merchant.site.id, original.cardgateway);
    const again = await pay(merchant.key);
    expect(again.data!.pay.transaction.status).toBe('SUCCEEDED');
  });

  it('refuses credentials that no longer open (tampered in the row) even when an adapter was built from the previous ones', async () => {
    const merchant = await cardMerchant(f.t, 'Tampered');
    expect((await pay(merchant.key)).data!.pay.transaction.status).toBe('SUCCEEDED');
    await setSealed(merchant.site.id, 'v2.AAAA.BBBB.CCCC');
    const res = await pay(merchant.key);
    expect(res.data!.pay.transaction).toBeNull();
    expect(res.data!.pay.userErrors).toEqual([expect.objectContaining({ code: 'PROVIDER_NOT_CONFIGURED', field: ['input', 'provider'] })]);
  });
});
