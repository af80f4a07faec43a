import { randomBytes } from 'node:crypto';
import { DapiHarness, postJson } from '../providers/payneteasy-dapi/harness';
import { MobileApp } from '../providers/payneteasy-dapi/mobile-app';

jest.setTimeout(60_000);

let h: DapiHarness;
let app: MobileApp;
beforeAll(async () => {
  h = await DapiHarness.start({ env: { THROTTLE_AUTH_FAILURES_BURST: '5', THROTTLE_AUTH_FAILURES_PER_MINUTE: '1' } });
  const customerId = (await h.customer()).id;
  app = new MobileApp(h, await h.appToken(customerId, 'GALAXY-S24'), 'GALAXY-S24');
});
afterAll(() => h?.close());

describe('issue 10: the merchant-server endpoints and the secrets they keep', () => {
  it('keeps no plaintext copy of the app access token in the session it records, and still asks Payneteasy with it', async () => {
    const initiated = await app.initiate('sale', { currency: 'EUR', amountCentis: 700 });
    expect(initiated.status).toBe(200);
    const performed = await app.perform('sale', initiated.body, { number: '4111111111111111' }, { amountCentis: 700 });
    await app.settled('sale', initiated.body.invoiceId, performed.body.session.token);
    const rows = await h.t.em().getConnection().execute(
      `select kind, data::text as data from provider_record where provider = 'payneteasy' union all select scope, row_to_json(r)::text from inbound_reply r`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.data).not.toContain(app.accessToken);
    const outcome = await h.adapter().payments.status({ operation: 'payment', reference: initiated.body.invoiceId, amount: { amountMinor: 700n, currency: 'EUR' as never } });
    expect(outcome.status).toBe('succeeded');
  });

  it('counts refused app tokens in the failed-authentication throttle: after the burst, 429 with Retry-After in the DAPI error shape', async () => {
    const attempt = () =>
      postJson(`${h.gatewayUrl}/providers/payneteasy/transfer/initiate-sale`, {
        consumer: { device: { serialNumber: 'GALAXY-S24' } },
        session: { accessToken: randomBytes(32).toString('base64url') },
        transaction: { currency: 'EUR', amountCentis: 100 },
      });
    const statuses: number[] = [];
    let last = await attempt();
    statuses.push(last.status);
    for (let i = 0; i < 7; i++) statuses.push((last = await attempt()).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(last.body).toMatchObject({ error: { cause: 'SERVER_UNAVAILABLE', message: expect.stringContaining('retry') } });
    // The same address is throttled on /graphql too: one budget per address.
    const graphql = await fetch(`${h.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body: '{"query":"{ viewer { id } }"}' });
    expect(graphql.status).toBe(429);
    expect(Number(graphql.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
