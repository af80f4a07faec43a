import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ALL_SCOPES, Scope, TestApp } from '../support/app';

const CHROMIUM = '/usr/bin/chromium';
const gid = (id: string) => Buffer.from(`Site:${id}`).toString('base64url');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

describe('playground page over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ GRAPHQL_PLAYGROUND: 'true' });
  });
  afterAll(() => t?.close());

  it('serves GraphiQL whose every script and stylesheet comes from the gateway itself', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/playground' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("connect-src 'self'");
    const refs = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => r !== 'data:,').sort()).toEqual(
      ['graphiql.css', 'graphiql.js', 'playground.js', 'react-dom.js', 'react.js'].map((f) => `/playground/assets/${f}`),
    );
    for (const ref of refs.filter((r) => r !== 'data:,')) {
      expect((await t.app.inject({ method: 'GET', url: ref })).statusCode).toBe(200);
    }
  });

  it('serves assets gzipped with an ETag and answers 304 when it is unchanged', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/playground/assets/graphiql.js' });
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const zipped = await t.app.inject({ method: 'GET', url: '/playground/assets/graphiql.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true);
    const again = await t.app.inject({ method: 'GET', url: '/playground/assets/graphiql.js', headers: { 'if-none-match': String(plain.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers 404 for files that are not playground assets', async () => {
    for (const url of ['/playground/assets/package.json', '/playground/assets/..%2F..%2Fpackage.json', '/playground/assets/graphiql.min.js.map']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
  });

  it('is absent (404) when config.graphql.playground is off', async () => {
    const off = await TestApp.start({ GRAPHQL_PLAYGROUND: 'false' });
    try {
      expect((await off.app.inject({ method: 'GET', url: '/playground' })).statusCode).toBe(404);
      expect((await off.app.inject({ method: 'GET', url: '/playground/assets/graphiql.js' })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});

describe('playground in a real browser', () => {
  // Starting Chromium and loading GraphiQL can take tens of seconds on a loaded 2-core machine.
  jest.setTimeout(120_000);
  let t: TestApp;
  let base: string;
  let profile: string;
  let browser: BrowserContext;
  const requested: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)`);
    t = await TestApp.start({ GRAPHQL_PLAYGROUND: 'true' });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    profile = await mkdtemp(join(tmpdir(), 'playground-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    browser.on('request', (request) => requested.push(request.url()));
    browser.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    await t?.close();
  });

  async function openPlayground(): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(`${base}/playground`);
    await page.locator('section.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden) > .CodeMirror').waitFor({ timeout: 20_000 });
    return page;
  }

  /** Types the headers as a person pasting them would, runs the query, and reads the result pane. */
  async function runWithHeaders(page: Page, headers: Record<string, string>): Promise<any> {
    await page.locator('section.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden) > .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify(headers, null, 2));
    const answered = page.waitForResponse((r) => r.url() === `${base}/graphql` && !r.request().postData()?.includes('IntrospectionQuery'));
    await page.getByRole('button', { name: 'Execute query' }).click();
    expect((await answered).status()).toBe(200);
    const shown = await page.waitForFunction(() => {
      const editor = (globalThis as any).document.querySelector('.result-window .CodeMirror');
      const text: string = editor?.CodeMirror.getValue() ?? '';
      return text.includes('"viewer"') && text;
    });
    return JSON.parse(String(await shown.jsonValue()));
  }

  it('runs the viewer query with a merchant key typed into the headers editor and shows the result', async () => {
    const merchant = await t.merchant(ALL_SCOPES, 'Browser merchant');
    const page = await openPlayground();
    await page.locator('.graphiql-query-editor .CodeMirror').evaluate((el: any) => el.CodeMirror.setValue('{ viewer { actingSite { name } } }'));
    const result = await runWithHeaders(page, { Authorization: `Bearer ${merchant.key}`, 'X-Acting-Site': '' });
    expect(result).toEqual({ data: { viewer: { actingSite: { name: 'Browser merchant' } } }, extensions: { cost: { requested: 2, limit: 25000, throttleStatus: { maximumAvailable: 250000, currentlyAvailable: expect.any(Number), restoreRate: 25000 } }, requestId: expect.any(String) } });
    await page.close();
  });

  it('shows the schema in the Docs panel before any key is entered, and sent no introspection without one', async () => {
    const page = await browser.newPage();
    const introspected: string[] = [];
    page.on('request', (r) => {
      if (r.url() === `${base}/graphql` && r.postData()?.includes('IntrospectionQuery')) introspected.push(r.url());
    });
    await page.goto(`${base}/playground`);
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).click();
    await page.locator('.graphiql-doc-explorer').getByText('viewer', { exact: true }).waitFor({ timeout: 20_000 });
    expect(introspected).toEqual([]);
    await page.close();
  });

  it('opens with the typed client\'s operations (the trusted documents) as tabs, each runnable on its own', async () => {
    const merchant = await t.merchant(ALL_SCOPES, 'Tabs merchant');
    const page = await openPlayground();
    const titles = await page.locator('.graphiql-tab').allInnerTexts();
    expect(titles.map((x) => x.trim())).toEqual(expect.arrayContaining(['Viewer', 'Pay', 'CreateOrder', 'Orders', 'Transaction', 'RefundPayment']));
    const viewerTabs = page.locator('.graphiql-tab').filter({ hasText: 'Viewer' });
    await viewerTabs.nth((await viewerTabs.count()) - 1).locator('button').first().click();
    expect(await page.locator('.graphiql-query-editor .CodeMirror').evaluate((el: any) => el.CodeMirror.getValue())).toContain('fragment SiteSummary');
    const result = await runWithHeaders(page, { Authorization: `Bearer ${merchant.key}`, 'X-Acting-Site': '' });
    expect(result.errors).toBeUndefined();
    expect(result.data.viewer.site).toMatchObject({ name: 'Tabs merchant' });
    await page.close();
  });

  it('offers a partner the sites that granted it access and fills X-Acting-Site with the one picked', async () => {
    const first = await t.merchant(ALL_SCOPES, 'First shop');
    const second = await t.merchant(ALL_SCOPES, 'Second shop');
    const partner = await t.partner('Picking partner');
    await t.sites().grantPartner(first.site, partner.site, [Scope.READ]);
    await t.sites().grantPartner(second.site, partner.site, [Scope.READ, Scope.PAY]);
    const page = await openPlayground();
    await page.locator('.graphiql-query-editor .CodeMirror').evaluate((el: any) => el.CodeMirror.setValue('{ viewer { actingSite { name } } }'));
    const headers = page.locator('section.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden) > .CodeMirror');
    await headers.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${partner.key}` }));
    const picker = page.locator('#site-picker select');
    await picker.waitFor({ timeout: 20_000 });
    expect(await picker.locator('option').allInnerTexts()).toEqual(['choose a site', 'First shop (READ)', 'Second shop (PAY, READ)']);
    // Prepared with the first site; the person picks the second.
    await page.waitForFunction((id) => (globalThis as any).document.querySelector('#site-picker select').value === id, first.site.id.length ? gid(first.site.id) : '');
    await picker.selectOption({ label: 'Second shop (PAY, READ)' });
    const headerText = await headers.evaluate((el: any) => el.CodeMirror.getValue());
    expect(JSON.parse(headerText)).toEqual({ Authorization: `Bearer ${partner.key}`, 'X-Acting-Site': gid(second.site.id) });
    const answered = page.waitForResponse((r) => r.url() === `${base}/graphql` && !!r.request().postData()?.includes('actingSite'));
    await page.getByRole('button', { name: 'Execute query' }).click();
    expect(((await (await answered).json()) as any).data.viewer.actingSite).toEqual({ name: 'Second shop' });
    await page.close();
  });

  it('lets a partner act for a merchant through the X-Acting-Site header', async () => {
    const merchant = await t.merchant(ALL_SCOPES, 'Granting merchant');
    const partner = await t.partner('Browser partner');
    await t.sites().grantPartner(merchant.site, partner.site, [Scope.READ]);
    const page = await openPlayground();
    await page.locator('.graphiql-query-editor .CodeMirror').evaluate((el: any) => el.CodeMirror.setValue('{ viewer { isPartner actingSite { name } } }'));
    const result = await runWithHeaders(page, { Authorization: `Bearer ${partner.key}`, 'X-Acting-Site': merchant.site.id });
    expect(result).toEqual({
      data: { viewer: { isPartner: true, actingSite: { name: 'Granting merchant' } } },
      extensions: { cost: { requested: 2, limit: 25000, throttleStatus: { maximumAvailable: 250000, currentlyAvailable: expect.any(Number), restoreRate: 25000 } }, requestId: expect.any(String) },
    });
    await page.close();
  });

  it('runs a subscription over WebSocket with the key from the headers editor', async () => {
    const merchant = await t.merchant(ALL_SCOPES, 'Live merchant');
    const created = await t.gql(`mutation { createOrder(input: { reference: "live-1", amount: { amount: "5.00", currency: EUR } }) { order { id } } }`, {}, { key: merchant.key });
    const orderId = created.data!.createOrder.order.id as string;
    const page = await openPlayground();
    const opened = page.waitForEvent('websocket', (ws) => ws.url() === `${base.replace('http', 'ws')}/graphql`);
    await page.locator('.graphiql-query-editor .CodeMirror').evaluate((el: any, id: string) => el.CodeMirror.setValue(`subscription { orderUpdated(id: "${id}") { status } }`), orderId);
    await page.locator('section.graphiql-editor-tool[aria-label="Headers"] .graphiql-editor:not(.hidden) > .CodeMirror').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(JSON.stringify({ Authorization: `Bearer ${merchant.key}`, 'X-Acting-Site': '' }));
    await page.getByRole('button', { name: 'Execute query' }).click();
    await opened;
    const shown = await page.waitForFunction(() => {
      const text: string = (globalThis as any).document.querySelector('.result-window .CodeMirror')?.CodeMirror.getValue() ?? '';
      return text.includes('"orderUpdated"') && text;
    });
    expect(JSON.parse(String(await shown.jsonValue()))).toEqual({ data: { orderUpdated: { status: 'OPEN' } } });
    await page.close();
  });

  it('made no request outside 127.0.0.1 and broke no content security rule', () => {
    expect(requested.length).toBeGreaterThan(5);
    const outside = requested.filter((url) => !url.startsWith('data:') && new URL(url).origin !== base);
    expect(outside).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
