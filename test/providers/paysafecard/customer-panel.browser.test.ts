import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { PaysafecardGateway } from './gateway-fixture';

const CHROMIUM = '/usr/bin/chromium';

/** The customer's journey in a real browser: the gateway's nextAction → the sandbox's panel → back to the gateway. */
describe('paysafecard customer panel in headless Chromium', () => {
  // Starting Chromium can take tens of seconds on a loaded 2-core machine.
  jest.setTimeout(120_000);
  let g: PaysafecardGateway;
  let profile: string;
  let browser: BrowserContext;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    g = await PaysafecardGateway.start();
    profile = await mkdtemp(join(tmpdir(), 'paysafecard-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await g?.close();
  });

  it('lets a test customer pay with a seeded my paysafecard account and returns them to the gateway, which captured the payment', async () => {
    const txn = await g.pay(await g.customer({ firstName: 'Johannes', lastName: 'Bauer', birthDate: '1982-02-14' }));
    const page = await browser.newPage();
    await page.goto(txn.nextAction.url);
    await page.getByRole('heading', { name: 'Pay 10.00 EUR with paysafecard' }).waitFor();
    await page.locator('#email').selectOption('johannes.bauer@example.com');
    await page.locator('button#account').click();
    await page.waitForURL((url) => url.pathname.startsWith(`/callbacks/paysafecard/return/${txn.reference}`));
    expect(await page.locator('body').innerText()).toContain('Payment succeeded');
    expect((await g.txn(txn.id)).status).toBe('SUCCEEDED');
    expect(g.sandboxPayment(txn.providerTransactionId)).toMatchObject({ status: 'SUCCESS', charges: 1 });
  });

  it('shows the customer returning from the panel why the data comparison declined the payment, with both values', async () => {
    const txn = await g.pay(await g.customer({ firstName: 'Maximillian', lastName: 'Musterman', birthDate: '1990-09-28' }));
    const page = await browser.newPage();
    await page.goto(txn.nextAction.url);
    await page.locator('#email').selectOption('max.mustermann@hotmail.com');
    await page.locator('button#account').click();
    await page.waitForURL((url) => url.pathname.startsWith(`/callbacks/paysafecard/return/${txn.reference}`));
    const text = await page.locator('body').innerText();
    expect(text).toContain('Payment declined.');
    expect(text).toContain('First name at paysafecard: Max Michael. First name to compare: Maximillian.');
    expect(g.sandboxPayment(txn.providerTransactionId).status).toBe('CANCELED_MERCHANT');
  });

  it('shows the customer why the panel refuses an account-less payment the merchant restricted, and cancelling sends them back', async () => {
    const txn = await g.pay();
    g.sandboxPayment(txn.providerTransactionId).customer.minAge = 18;
    const page = await browser.newPage();
    await page.goto(txn.nextAction.url);
    await page.locator('button#accountless').click();
    expect(await page.locator('#message').innerText()).toBe('This payment needs a my paysafecard account.');
    await page.locator('button#cancel').click();
    await page.waitForURL((url) => url.pathname.startsWith(`/callbacks/paysafecard/return/${txn.reference}`));
    expect(await g.settled(txn.id)).toMatchObject({ status: 'DECLINED', declineCode: 'CANCELED_CUSTOMER' });
  });
});
