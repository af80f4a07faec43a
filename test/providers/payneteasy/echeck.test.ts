import { ProviderError } from '../../../src/providers/provider';
import { asCallback, echeckPay, MERCHANT, ref, startEcheckHarness, waitFor, type EcheckHarness } from './echeck-harness';

const post = (h: EcheckHarness, path: string, body: Record<string, string>) =>
  fetch(`${h.sandbox.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() }).then((r) => r.text());

describe('Payneteasy sale-echeck: the adapter against its sandbox over HTTP', () => {
  let h: EcheckHarness;
  beforeAll(async () => {
    h = await startEcheckHarness();
  });
  afterAll(() => h.close());

  it('sells from an approved test account: async-response, then the status command says approved', async () => {
    const request = echeckPay(h);
    const outcome = await h.provider.payments.pay(request);
    expect(outcome).toMatchObject({ status: 'succeeded', amount: request.amount, providerStatus: 'approved' });
    const [sale, status] = h.sandbox.state.requests.slice(-2);
    expect(sale).toMatchObject({ path: `/paynet/api/v2/sale-echeck/${MERCHANT.endpointId}`, contentType: 'application/x-www-form-urlencoded' });
    expect(sale!.body).toMatchObject({ client_orderid: request.reference, amount: '10.55', currency: 'USD', routing_number: '113024588', account_number: '****7890', email: 'john.smith@example.com', notify_url: request.notificationUrl });
    expect(status!.path).toBe(`/paynet/api/v2/status/${MERCHANT.endpointId}`);
  });

  it('answers a declining test account as a decline with the ACH code, not an error', async () => {
    expect(await h.provider.payments.pay(echeckPay(h, '4000000051'))).toMatchObject({ status: 'declined', code: 'R01', reasonCode: 'INSUFFICIENT_FUNDS' });
    expect(await h.provider.payments.pay(echeckPay(h, '4000000666'))).toMatchObject({ status: 'declined', reasonCode: 'FRAUD_SUSPECTED' });
  });

  it('keeps a sale processing while the ACH processor works, then finds it approved by status', async () => {
    h.sandbox.state.echeck.knobs.processingMs = 300;
    try {
      const request = echeckPay(h);
      const first = await h.provider.payments.pay(request);
      expect(first.status).toBe('processing');
      await new Promise((r) => setTimeout(r, 400));
      const later = await h.provider.payments.status({ operation: 'payment', reference: request.reference, providerTransactionId: first.providerTransactionId, amount: request.amount });
      expect(later.status).toBe('succeeded');
    } finally {
      h.sandbox.state.echeck.knobs.processingMs = 0;
    }
  });

  it('refuses an unknown endpoint with the document\'s validation-error, word for word', async () => {
    const text = await post(h, '/paynet/api/v2/sale-echeck/39790999', { client_orderid: 'inv4097763' });
    expect(text).toMatch(/^type=validation-error%0A&serial-number=[0-9a-f-]+%0A&merchant-order-id=inv4097763%0A&error-message=End\+point\+with\+id\+39790999\+not\+found%0A&error-code=3%0A$/);
  });

  it('refuses a control that does not verify (a float-converted amount, here 1998 for 19.99) and creates no order', async () => {
    const reference = ref();
    const before = h.sandbox.state.echeck.orders.size;
    const { createHash } = await import('node:crypto');
    const control = createHash('sha1').update(`${MERCHANT.endpointId}${reference}1998payer@example.com${MERCHANT.controlKey}`).digest('hex');
    const text = await post(h, `/paynet/api/v2/sale-echeck/${MERCHANT.endpointId}`, { client_orderid: reference, order_desc: 'x', amount: '19.99', currency: 'USD', email: 'payer@example.com', routing_number: '113024588', account_number: '1234567890', control });
    expect(new URLSearchParams(text).get('type')).toBe('validation-error\n');
    expect(h.sandbox.state.echeck.orders.size).toBe(before);
  });

  it('answers the adapter with a final refusal when the sandbox knows another control key', async () => {
    h.sandbox.state.merchants.set(MERCHANT.endpointId, { ...MERCHANT, controlKey: 'another-key' });
    try {
      const error = await h.provider.payments.pay(echeckPay(h)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ kind: 'final', code: 'PAYNETEASY_2' });
    } finally {
      h.sandbox.state.merchants.set(MERCHANT.endpointId, MERCHANT);
    }
  });

  it('keeps a sale that was taken in processing when the status command right after it is refused', async () => {
    h.sandbox.state.merchants.set(MERCHANT.endpointId, { ...MERCHANT, login: 'another-login' });
    try {
      const outcome = await h.provider.payments.pay(echeckPay(h));
      expect(outcome).toMatchObject({ status: 'processing' });
      expect(outcome.providerTransactionId).toBeTruthy();
    } finally {
      h.sandbox.state.merchants.set(MERCHANT.endpointId, MERCHANT);
    }
  });

  it('tells server_callback_url the final status only, and notify_url that and the later return', async () => {
    const reference = ref();
    const { createHash } = await import('node:crypto');
    const control = createHash('sha1').update(`${MERCHANT.endpointId}${reference}1055payer@example.com${MERCHANT.controlKey}`).digest('hex');
    const fields = { client_orderid: reference, order_desc: 'x', amount: '10.55', currency: 'USD', email: 'payer@example.com', routing_number: '113024588', account_number: '4000000201', server_callback_url: `${h.listener.url}/final`, notify_url: `${h.listener.url}/all`, control };
    expect(new URLSearchParams(await post(h, `/paynet/api/v2/sale-echeck/${MERCHANT.endpointId}`, fields)).get('type')).toBe('async-response\n');
    const at = (path: string) => h.listener.received.filter((r) => r.path === path && r.rawBody.toString().includes(reference)).map((r) => new URLSearchParams(r.rawBody.toString()).get('type'));
    await waitFor(() => (at('/all').length === 2 ? true : undefined), 3_000);
    expect({ final: at('/final'), all: at('/all') }).toEqual({ final: ['sale'], all: ['sale', 'return'] });
  });

  it('reports a lost answer as indeterminate and finds the sale by our client_orderid alone', async () => {
    const request = echeckPay(h, '4000000341');
    const error = await h.provider.payments.pay(request).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'indeterminate' });
    expect(await h.provider.payments.status({ operation: 'payment', reference: request.reference, amount: request.amount })).toMatchObject({ status: 'succeeded' });
    expect(await h.provider.payments.status({ operation: 'payment', reference: ref(), amount: request.amount })).toMatchObject({ status: 'not_found' });
  });

  it('posts a callback to notify_url that the adapter verifies, then a later return on the same URL', async () => {
    const request = echeckPay(h, '4000000201');
    await h.provider.payments.pay(request);
    const mine = () => h.listener.received.filter((r) => r.rawBody.toString().includes(request.reference));
    await waitFor(() => (mine().length >= 2 ? true : undefined), 3_000);
    const [sale, ret] = await Promise.all(mine().slice(0, 2).map((r) => h.provider.callbacks!.parse(asCallback(r))));
    expect(sale).toMatchObject({ operation: 'payment', reference: request.reference, type: 'echeck.sale.approved', signedOutcome: false, outcome: { status: 'succeeded' } });
    expect(ret).toMatchObject({ operation: 'refund', reference: request.reference, type: 'echeck.return.approved', signedOutcome: false });
    expect(ret!.eventKey).not.toBe(sale!.eventKey);
    expect(JSON.stringify([sale!.payload, ret!.payload])).not.toContain('control');
  });

  it('refuses a callback whose control is uppercase or made with another key', async () => {
    const request = echeckPay(h);
    await h.provider.payments.pay(request);
    const received = await waitFor(() => h.listener.received.find((r) => r.rawBody.toString().includes(request.reference)), 3_000);
    const fields = new URLSearchParams(received.rawBody.toString());
    const upper = new URLSearchParams(fields);
    upper.set('control', fields.get('control')!.toUpperCase());
    const declined = new URLSearchParams(fields);
    declined.set('status', 'declined');
    for (const body of [upper, declined]) {
      await expect(h.provider.callbacks!.parse({ headers: {}, rawBody: Buffer.from(body.toString()), query: {} })).rejects.toThrow('does not match');
    }
  });

  it('logs the request with the account number and the control masked', () => {
    const lines = h.logs.filter((l) => l.includes('sale-echeck'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain('1234567890');
  });
});
