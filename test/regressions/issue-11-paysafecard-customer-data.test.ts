import { PaysafecardGateway } from '../providers/paysafecard/gateway-fixture';
import { MAX, sandboxRequests } from '../providers/paysafecard/sandbox-client';

let g: PaysafecardGateway;
beforeAll(async () => {
  g = await PaysafecardGateway.start();
}, 60_000);
// Closing waits for bounded steps (jobs up to 2 provider timeouts, the request drain up to 10 s); a stuck one is named on stderr.
afterAll(() => g?.close(), 120_000);
afterEach(() => g.settings(null));

const max = { firstName: 'Max Michael', lastName: 'Musterman', birthDate: '1990-09-28' };
const account = (email: string) => ({ kind: 'account' as const, email });

describe('issue 11: paysafecard payments with the customer data exchange, over HTTP on PostgreSQL', () => {
  it('captures a payment whose customer data matches: SUCCEEDED here, SUCCESS at paysafecard', async () => {
    const { txn, settled } = await g.journey(max, MAX);
    expect(txn.nextAction.url).toContain('/psccustomer/GetCustomerPanelServlet?');
    expect(settled).toMatchObject({ status: 'SUCCEEDED', capturedAmount: { amount: '10.00' } });
    expect(g.sandboxPayment(txn.providerTransactionId)).toMatchObject({ status: 'SUCCESS', charges: 1 });
  });

  it.each([
    ['first name', { ...max, firstName: 'Maximillian' }, 'First name at paysafecard: Max Michael. First name to compare: Maximillian.'],
    ['last name', { ...max, lastName: 'Must' }, 'Last name at paysafecard: Musterman. Last name to compare: Must.'],
    ['birth date', { ...max, birthDate: '1990-07-23' }, 'Date of birth at paysafecard: 1990-09-28. Date of birth to compare: 1990-07-23.'],
  ])('declines at paysafecard (CANCELED_MERCHANT) when the %s does not match, with the message naming both values', async (_field, person, expected) => {
    const { txn, settled } = await g.journey(person, MAX);
    expect(settled).toMatchObject({ status: 'DECLINED', declineCode: 'CANCELED_MERCHANT', declineReasonCode: 'CUSTOMER_DATA_MISMATCH', capturedAmount: { amount: '0.00' } });
    expect(settled.declineReason).toContain(expected);
    expect(settled.declineReason).toMatch(/^Your transaction got declined\./);
    expect(g.sandboxPayment(txn.providerTransactionId)).toMatchObject({ status: 'CANCELED_MERCHANT', charges: 0 });
  });

  it.each([
    ['ss => ß', { firstName: 'Max', lastName: 'Mussterman', birthDate: '1988-01-01' }, 'max.musster@example.com'],
    ['middle name', { firstName: 'Johannes', lastName: 'Kerner', birthDate: '1975-05-20' }, 'johannes.kerner@example.com'],
    ['à è ò', { firstName: 'Johannes', lastName: 'Bauer', birthDate: '1982-02-14' }, 'johannes.bauer@example.com'],
  ])("accepts the document's tolerance example %s and captures", async (_name, person, email) => {
    const { settled } = await g.journey(person, account(email));
    expect(settled.status).toBe('SUCCEEDED');
  });

  it('accepts an account-less payment by default, and declines it when the site asks for an account', async () => {
    expect((await g.journey(max, { kind: 'accountless' })).settled.status).toBe('SUCCEEDED');
    await g.settings({ acceptAccountless: false });
    const { txn, settled } = await g.journey(max, { kind: 'accountless' });
    expect(settled).toMatchObject({ status: 'DECLINED', declineCode: 'CANCELED_MERCHANT' });
    expect(settled.declineReason).toContain('my paysafecard account');
    expect(g.sandboxPayment(txn.providerTransactionId).status).toBe('CANCELED_MERCHANT');
  });

  it('stores the customer details paysafecard returned on the customer', async () => {
    const { txn } = await g.journey(max, MAX);
    const row = await g.t.em().getConnection().execute(`select c.provider_details from customer c join transaction t on t.customer_id = c.id where t.reference = ?`, [txn.reference]);
    expect(row[0].provider_details.paysafecard).toMatchObject({ providerCustomerId: '172853330915', firstName: 'Max Michael', lastName: 'Musterman', birthDate: '1990-09-28', email: 'max.mustermann@hotmail.com' });
  });

  it('answers a notification about a payment it does not know with 401 and writes nothing', async () => {
    const url = `${g.t.running.providers.registry.publicUrl()}/callbacks/paysafecard`;
    const response = await fetch(`${url}?payment_id=pay_1000000007_unknown_EUR`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'mtid=pay_1000000007_unknown_EUR&eventType=ASSIGN_CARDS' });
    expect(response.status).toBe(401);
    const events = await g.t.em().getConnection().execute(`select count(*)::int as n from provider_event where provider = 'paysafecard' and payload->>'paymentId' = 'pay_1000000007_unknown_EUR'`);
    expect(events[0].n).toBe(0);
  });

  it('captures once when the notification arrives several times at once and the customer returns at the same time', async () => {
    await fetch(`${g.sandbox.baseUrl}/__sandbox/knobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sendNotifications: false }) });
    try {
      const txn = await g.pay(await g.customer(max));
      await fetch(`${g.sandbox.baseUrl}/__sandbox/payments/${txn.providerTransactionId}/customer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(MAX) });
      const notification = (await (await fetch(`${g.sandbox.baseUrl}/__sandbox/payments/${txn.providerTransactionId}/notification`)).json()) as { contentType: string; body: string };
      const url = `${g.t.running.providers.registry.publicUrl()}/callbacks/paysafecard?payment_id=${txn.providerTransactionId}`;
      const post = () => fetch(url, { method: 'POST', headers: { 'content-type': notification.contentType }, body: notification.body }).then((r) => r.status);
      const back = () => fetch(`${g.t.running.providers.registry.publicUrl()}/callbacks/paysafecard/return/${txn.reference}?payment_id=${txn.providerTransactionId}`, { redirect: 'manual' }).then((r) => r.status);
      const statuses = await Promise.all([post(), post(), post(), back(), g.t.running.reconciler.runOnce().then(() => 0)]);
      expect(statuses.slice(0, 3).every((s) => s === 200)).toBe(true);
      expect((await g.settled(txn.id)).status).toBe('SUCCEEDED');
      expect(await post()).toBe(200);
      const captures = (await sandboxRequests(g.sandbox)).filter((r) => r.path.endsWith(`${txn.providerTransactionId}/capture`));
      expect(captures).toHaveLength(1);
      expect(g.sandboxPayment(txn.providerTransactionId)).toMatchObject({ status: 'SUCCESS', charges: 1 });
    } finally {
      await fetch(`${g.sandbox.baseUrl}/__sandbox/knobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sendNotifications: true }) });
    }
  });

  it('fails an authorized payment that expired before its capture, and nothing is captured', async () => {
    await fetch(`${g.sandbox.baseUrl}/__sandbox/knobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sendNotifications: false, authorizationTtlMs: 0 }) });
    try {
      const txn = await g.pay(await g.customer(max));
      await fetch(`${g.sandbox.baseUrl}/__sandbox/payments/${txn.providerTransactionId}/customer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(MAX) });
      await new Promise((r) => setTimeout(r, 5));
      await g.t.running.reconciler.runOnce();
      expect(await g.settled(txn.id)).toMatchObject({ status: 'FAILED', declineCode: 'EXPIRED', capturedAmount: { amount: '0.00' } });
      expect(g.sandboxPayment(txn.providerTransactionId)).toMatchObject({ status: 'EXPIRED', statusBeforeExpiration: 'AUTHORIZED', charges: 0 });
    } finally {
      await fetch(`${g.sandbox.baseUrl}/__sandbox/knobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sendNotifications: true, authorizationTtlMs: 600_000 }) });
    }
  });
});
