import { createCipheriv, randomBytes } from 'node:crypto';
import { Site } from '../../src/domain/sites/site.entity';
import { DEMO_MERCHANT } from '../../src/providers/cardgateway/sandbox/server';
import { deriveKey } from '../../src/app/secrets';
import { PAY, card, cardMerchant, startPaymentsFixture, type PaymentsFixture } from '../integration/payments/payments-fixture';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

/** The format every row had before this fix: AES-GCM without associated data. */
function sealV1(key: Buffer, value: Record<string, string>): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

async function sealedOf(f: PaymentsFixture, siteId: string): Promise<Record<string, string>> {
  const [row] = await f.t.em().getConnection().execute<{ provider_credentials: Record<string, string> }[]>(
    'select provider_credentials from site where id = ?',
    [siteId],
  );
  return row.provider_credentials;
}

describe('issue 7: provider credentials at rest are bound to their site', () => {
  let f: PaymentsFixture;
  beforeAll(async () => {
    f = await startPaymentsFixture();
  });
  afterAll(() => f?.t.close());

  it("refuses to use another site's ciphertext copied into a site's row, and charges nothing", async () => {
    const victim = f.merchant;
    const thief = await cardMerchant(f.t, 'Thief');
    const stolen = (await sealedOf(f, victim.site.id)).cardgateway;
    expect(stolen.startsWith('v2.')).toBe(true);
    await f.t.em().getConnection().execute('update site set provider_credentials = ? where id = ?', [JSON.stringify({ cardgateway: stolen }), thief.site.id]);

    const res = await f.t.gql(PAY, { input: { provider: 'cardgateway', amount: eur('9.00'), source: { card: card() } } }, { key: thief.key });
    expect(res.status).toBe(200);
    expect(res.data!.pay.transaction).toBeNull();
    expect(res.data!.pay.userErrors).toEqual([expect.objectContaining({ code: 'PROVIDER_NOT_CONFIGURED', field: ['input', 'provider'] })]);
    // The rightful site still pays with the same ciphertext.
    const own = await f.gql(PAY, { input: { provider: 'cardgateway', amount: eur('9.00'), source: { card: card() } } });
    expect(own.data!.pay.transaction.status).toBe('SUCCEEDED');
  });

  it('re-encrypts rows of the old format (v1, no associated data) when an instance starts, and they still pay', async () => {
    const legacy = await cardMerchant(f.t, 'Legacy');
    const config = f.t.running.deps.config;
    const key = deriveKey(config.encryptionKey!, 'credentials');
    await f.t.em().getConnection().execute('update site set provider_credentials = ? where id = ?', [
      JSON.stringify({ cardgateway: sealV1(key, { ...DEMO_MERCHANT }) }),
      legacy.site.id,
    ]);

    const second = await f.t.secondInstance({ CARDGATEWAY_BASE_URL: f.sandbox.baseUrl });
    await second.close();

    const sealed = (await sealedOf(f, legacy.site.id)).cardgateway;
    expect(sealed.startsWith('v2.')).toBe(true);
    expect(await f.t.em().count(Site, { id: legacy.site.id })).toBe(1);
    const res = await f.t.gql(PAY, { input: { provider: 'cardgateway', amount: eur('4.00'), source: { card: card() } } }, { key: legacy.key });
    expect(res.data!.pay.transaction.status).toBe('SUCCEEDED');
  });
});
