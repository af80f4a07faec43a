import { money } from '../../../src/kernel/money';
import { ProviderError, type PayRequest } from '../../../src/providers/provider';
import { card, ref, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => h.sandbox.state.resetFaults());

const pay = (over: Partial<PayRequest> = {}): PayRequest => ({
  reference: ref(),
  amount: money(1250n, 'EUR'),
  capture: true,
  source: { type: 'card', card: card() },
  returnUrl: `${h.listener.url}/return`,
  notificationUrl: `${h.listener.url}/notify`,
  ...over,
});

describe('card gateway adapter against its sandbox: payments', () => {
  it('approves a sale (DB) and reports the amount it charged', async () => {
    const request = pay();
    const outcome = await h.provider.payments.pay(request);
    expect(outcome).toMatchObject({ status: 'succeeded', amount: money(1250n, 'EUR') });
    expect(outcome.providerTransactionId).toMatch(/^\d+$/);
    expect(h.sandbox.state.chargeCount(request.reference)).toBe(1);
  });

  it.each([
    ['4000000000000002', '11005', /do not honor/],
    ['4000000000009995', '11051', /Insufficient funds/],
    ['4000000000000069', '11033', /Card expired/],
    ['4000000000009979', '11043', /Stolen/],
  ])('declines card %s with code %s and its reason, as an outcome rather than an error', async (pan, code, reason) => {
    const outcome = await h.provider.payments.pay(pay({ source: { type: 'card', card: card(pan) } }));
    expect(outcome).toMatchObject({ status: 'declined', code });
    expect(outcome.status === 'declined' && outcome.reason).toMatch(reason);
  });

  it('declines a card whose expiry date has passed', async () => {
    const outcome = await h.provider.payments.pay(pay({ source: { type: 'card', card: card('4111111111111111', '123', { m: 1, y: 2020 }) } }));
    expect(outcome).toMatchObject({ status: 'declined', code: '11033' });
  });

  it('authorizes (PA), captures part of it (CP), and refuses a second capture', async () => {
    const auth = await h.provider.payments.pay(pay({ capture: false, amount: money(10000n, 'EUR') }));
    expect(auth.status).toBe('authorized');
    const payment = { reference: 'x', providerTransactionId: auth.providerTransactionId, amount: money(10000n, 'EUR') };
    const captured = await h.provider.payments.capture!.capture({ reference: ref('cap'), payment, amount: money(6000n, 'EUR'), final: true });
    expect(captured).toMatchObject({ status: 'succeeded', amount: money(6000n, 'EUR') });
    const again = await h.provider.payments.capture!.capture({ reference: ref('cap'), payment, amount: money(1000n, 'EUR'), final: true });
    expect(again).toMatchObject({ status: 'failed', code: '10005' });
  });

  it('refuses a capture above the authorized amount and leaves the authorization open', async () => {
    const auth = await h.provider.payments.pay(pay({ capture: false, amount: money(5000n, 'EUR') }));
    const payment = { reference: 'x', providerTransactionId: auth.providerTransactionId, amount: money(5000n, 'EUR') };
    const over = await h.provider.payments.capture!.capture({ reference: ref('cap'), payment, amount: money(5001n, 'EUR'), final: true });
    expect(over).toMatchObject({ status: 'failed', code: '10005' });
    expect(over.status === 'failed' && over.reason).toMatch(/exceeds the authorized amount/);
    expect(h.sandbox.state.payments.get(auth.providerTransactionId!)!.status).toBe('authsuccessful');
  });

  it('reverses (RV) an authorization, and refuses to reverse a captured payment', async () => {
    const auth = await h.provider.payments.pay(pay({ capture: false }));
    const payment = { reference: 'x', providerTransactionId: auth.providerTransactionId, amount: money(1250n, 'EUR') };
    expect(await h.provider.payments.void!.cancel({ reference: ref('rv'), payment, amount: money(1250n, 'EUR') })).toMatchObject({ status: 'cancelled' });
    const sale = await h.provider.payments.pay(pay());
    const captured = { reference: 'y', providerTransactionId: sale.providerTransactionId, amount: money(1250n, 'EUR') };
    const refused = await h.provider.payments.void!.cancel({ reference: ref('rv'), payment: captured, amount: money(1250n, 'EUR') });
    expect(refused).toMatchObject({ status: 'failed', code: '10007' });
    expect(refused.status === 'failed' && refused.reason).toMatch(/captured transaction cannot be reversed/);
  });

  it('refunds (RF) part of a sale once and refuses the second refund', async () => {
    const sale = await h.provider.payments.pay(pay({ amount: money(3000n, 'EUR') }));
    const payment = { reference: 'x', providerTransactionId: sale.providerTransactionId, amount: money(3000n, 'EUR') };
    expect(await h.provider.refunds!.refund({ reference: ref('rf'), payment, amount: money(1000n, 'EUR') })).toMatchObject({ status: 'succeeded', amount: money(1000n, 'EUR') });
    const second = await h.provider.refunds!.refund({ reference: ref('rf'), payment, amount: money(500n, 'EUR') });
    expect(second).toMatchObject({ status: 'failed', code: '10006' });
    expect(second.status === 'failed' && second.reason).toMatch(/already been refunded/);
  });

  it('refuses a refund above the captured amount', async () => {
    const sale = await h.provider.payments.pay(pay({ amount: money(3000n, 'EUR') }));
    const payment = { reference: 'x', providerTransactionId: sale.providerTransactionId, amount: money(3000n, 'EUR') };
    expect(await h.provider.refunds!.refund({ reference: ref('rf'), payment, amount: money(3001n, 'EUR') })).toMatchObject({ status: 'failed', code: '10006' });
  });

  it('treats a capture of an unknown paymentId as a final refusal', async () => {
    const payment = { reference: 'x', providerTransactionId: '1', amount: money(100n, 'EUR') };
    const error = await h.provider.payments.capture!.capture({ reference: ref('cap'), payment, amount: money(100n, 'EUR'), final: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ kind: 'final', code: '10026', httpStatus: 404 });
  });

  it('answers status inquiries (IN) by paymentId, by our reference, and for operations on the payment', async () => {
    const request = pay({ amount: money(4000n, 'EUR') });
    const sale = await h.provider.payments.pay(request);
    const amount = request.amount;
    expect(await h.provider.payments.status({ operation: 'payment', reference: request.reference, providerTransactionId: sale.providerTransactionId, amount })).toMatchObject({ status: 'succeeded', amount });
    expect(await h.provider.payments.status({ operation: 'payment', reference: request.reference, amount })).toMatchObject({ status: 'succeeded', providerTransactionId: sale.providerTransactionId });
    const payment = { reference: request.reference, providerTransactionId: sale.providerTransactionId };
    expect(await h.provider.payments.status({ operation: 'refund', reference: ref('rf'), payment, amount })).toMatchObject({ status: 'not_found' });
    await h.provider.refunds!.refund({ reference: ref('rf'), payment: { ...payment, amount }, amount: money(100n, 'EUR') });
    expect(await h.provider.payments.status({ operation: 'refund', reference: ref('rf'), payment, amount })).toMatchObject({ status: 'succeeded' });
    expect(await h.provider.payments.status({ operation: 'payment', reference: ref('never-sent'), amount })).toMatchObject({ status: 'not_found' });
  });

  it('pays out to a card (PO), approved and declined', async () => {
    const base = { amount: money(2500n, 'EUR'), notificationUrl: `${h.listener.url}/notify` };
    const approved = await h.provider.payouts!.payout({ ...base, reference: ref('po'), destination: { type: 'card', card: card() } });
    expect(approved).toMatchObject({ status: 'succeeded', amount: money(2500n, 'EUR') });
    const declined = await h.provider.payouts!.payout({ ...base, reference: ref('po'), destination: { type: 'card', card: card('4000000000000002') } });
    expect(declined).toMatchObject({ status: 'declined', code: '11005' });
  });

  it('saves a card with its first payment (INITIAL) and charges it again without card data (/paywithtoken)', async () => {
    const first = await h.provider.payments.pay(pay({ saveMethod: true }));
    expect(first).toMatchObject({ status: 'succeeded', savedMethod: { card: { last4: '1111', brand: 'VISA' } } });
    const token = first.savedMethod!.token;
    const repeat = pay({ source: { type: 'token', token }, amount: money(999n, 'EUR') });
    expect(await h.provider.payments.pay(repeat)).toMatchObject({ status: 'succeeded', amount: money(999n, 'EUR') });
    const wire = h.sandbox.state.requests.find((r) => r.body['merchantTransactionId'] === repeat.reference)!;
    expect(wire.path).toBe(`/transactionServices/REST/v1/paywithtoken/${token}`);
    expect(Object.keys(wire.body).filter((k) => k.startsWith('card.'))).toEqual([]);
  });

  it('saves a card without charging it, and refuses an unknown saved card', async () => {
    const saved = await h.provider.savedMethods!.tokenize({ reference: ref('reg'), card: card('5555555555554444') });
    expect(saved).toMatchObject({ card: { brand: 'MASTERCARD', last4: '4444' } });
    expect(await h.provider.payments.pay(pay({ source: { type: 'token', token: saved.token } }))).toMatchObject({ status: 'succeeded' });
    await expect(h.provider.payments.pay(pay({ source: { type: 'token', token: 'nope' } }))).rejects.toMatchObject({ kind: 'final', code: '10026' });
  });

  it('sends the documented field names, a valid checksum and the amount with two decimals', async () => {
    const request = pay({ amount: money(500n, 'JPY') });
    await h.provider.payments.pay(request);
    const wire = h.sandbox.state.requests.find((r) => r.body['merchantTransactionId'] === request.reference)!;
    expect(wire.headers['content-type']).toMatch(/application\/json/);
    expect(wire.body).toMatchObject({
      'authentication.memberId': '10777',
      amount: '500.00',
      currency: 'JPY',
      paymentType: 'DB',
      paymentMode: 'CC',
      'card.number': '411111******1111',
      'card.cvv': '***',
      'card.expiryMonth': '12',
      merchantRedirectUrl: request.returnUrl,
      notificationUrl: request.notificationUrl,
    });
    expect(wire.body['authentication.checksum']).toMatch(/^[0-9a-f]{32}$/);
  });
});
