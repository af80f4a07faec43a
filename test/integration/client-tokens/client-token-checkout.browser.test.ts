import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startPaymentsFixture, type PaymentsFixture } from '../payments/payments-fixture';
import { baseUrl, newClientToken, newOrder, trustedHash } from './client-token-fixture';
import { checkoutPage, startShop, type ShopServer } from './checkout-page';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const PAN = '4111111111111111';

/** The page's own gql helper, called inside the page (so every request is the browser's, with its Origin). */
declare const pageGql: (operationName: string, variables: Record<string, unknown>, options?: { query?: string; token?: string }) => Promise<{ status: number; body: any }>;

describe('browser checkout with a client token, in headless Chromium', () => {
  // Starting Chromium on a loaded 2-core machine can take tens of seconds.
  jest.setTimeout(120_000);
  let f: PaymentsFixture;
  let shop: ShopServer;
  let elsewhere: ShopServer;
  let profile: string;
  let browser: BrowserContext;
  let orderId: string;
  let token = '';
  /** Requests the browser made whose body carried the card number, by URL. */
  const panSentTo: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)`);
    f = await startPaymentsFixture();
    orderId = await newOrder(f, 'browser-1', '20.00');
    const page = () => checkoutPage({ gateway: baseUrl(f), token, orderId, hashes: { TokenizeCard: trustedHash('TokenizeCard'), Pay: trustedHash('Pay'), Order: trustedHash('Order') } });
    shop = await startShop(page);
    elsewhere = await startShop(page);
    token = await newClientToken(f, { orderId, allowedOrigins: [shop.origin], expiresInSeconds: 900 });
    profile = await mkdtemp(join(tmpdir(), 'client-token-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    browser.on('request', (request) => {
      if (request.postData()?.includes(PAN)) panSentTo.push(request.url());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await shop?.close();
    await elsewhere?.close();
    await f?.t.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  async function open(at: ShopServer): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${at.origin}/checkout`);
    return page;
  }

  it('tokenizes the card and pays the order from the allowed origin; the card goes to the gateway only', async () => {
    const page = await open(shop);
    await page.fill('#number', PAN);
    await page.fill('#exp-month', '12');
    await page.fill('#exp-year', String(new Date().getUTCFullYear() + 2));
    await page.fill('#cvc', '737');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => (globalThis as any).document.getElementById('result')!.textContent !== '');
    const result = JSON.parse((await page.textContent('#result'))!);
    expect(result.method).toMatchObject({ type: 'CARD', last4: '1111' });
    expect(result.pay.userErrors).toEqual([]);
    expect(result.pay.transaction.status).toBe('SUCCEEDED');
    expect(panSentTo).toEqual([`${baseUrl(f)}/graphql`]);
    expect(shop.received.map((r) => `${r.method} ${r.url}`)).not.toContain('POST /checkout');
    for (const request of shop.received) expect(request.body + request.url).not.toContain(PAN);
    const order = await page.evaluate((id) => pageGql('Order', { id }), orderId);
    expect(order.body.data.order.transactions.nodes).toHaveLength(1);
    await page.close();
  });

  it('cannot be used from an origin the token does not allow: CORS refuses, the page reads nothing', async () => {
    const page = await open(elsewhere);
    const outcome = await page.evaluate((id) => pageGql('Order', { id }).then(() => 'read', (error: Error) => error.name), orderId);
    expect(outcome).toBe('TypeError');
    await page.close();
  });

  it('is refused for another order, an unregistered document and after it expired, with errors the page can read', async () => {
    const page = await open(shop);
    const other = await newOrder(f, 'browser-other');
    const another = await page.evaluate((id) => pageGql('Order', { id }), other);
    expect(another).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: 'FORBIDDEN' }, message: 'client tokens can read only the order they name' }] } });
    const adHoc = await page.evaluate((id) => pageGql('Order', { id }, { query: 'query($id: ID!) { order(id: $id) { id } }' }), orderId);
    expect(adHoc).toMatchObject({ status: 403, body: { errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_TRUSTED' } }] } });
    const shortLived = await newClientToken(f, { orderId, allowedOrigins: [shop.origin], expiresInSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const expired = await page.evaluate(([id, t]) => pageGql('Order', { id }, { token: t }), [orderId, shortLived]);
    expect(expired).toMatchObject({ status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED' }, message: 'invalid or expired client token' }] } });
    await page.close();
  });

  it('leaves the card number in no table and no log line', async () => {
    const em = f.t.em();
    const tables = await em.execute<{ table_name: string }[]>(`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`);
    for (const { table_name } of tables) {
      for (const { row } of await em.execute<{ row: string }[]>(`select row_to_json(t)::text as row from "${table_name}" t`)) expect(row).not.toContain(PAN);
    }
    expect(f.t.logs.join('\n')).not.toContain(PAN);
  });
});
