import vectors from '../vectors/paysafecard.json';
import { DeclineReasonCode } from '../../src/providers/provider';
import { REFUSALS, refusalOf } from '../../src/providers/paysafecard/error-codes';
import { fromWireAmount, PAYMENT_STATUSES, paymentOutcome, toWireAmount } from '../../src/providers/paysafecard/mapping';
import { authorizationHeader, customerIdFor, payRequest } from '../../src/providers/paysafecard/requests';
import { SandboxState } from '../../src/providers/paysafecard/sandbox/state';
import { merchantOf } from '../../src/providers/paysafecard/sandbox/server';
import { money } from '../../src/kernel/money';

/** The document's "Retrieving payment details" example body (docs/paysafecard.md). */
const DOC_RETRIEVE = {
  object: 'PAYMENT',
  id: 'pay_9000001500_qeRvehXkvbvlLwW0AeNHrGgDUneTDN9w_EUR',
  created: 1731500433288,
  updated: 1731500457992,
  currency: 'EUR',
  status: 'AUTHORIZED',
  type: 'PAYSAFECARD',
  redirect: { success_url: 'https://www.guinbox.com/notes/uC5lKyzh74x', failure_url: 'https://www.guinbox.com/notes/FP8gU99Wj7u' },
  customer: { id: 'customer_id23', ip: '87.120.141.75', email: 'YMkzHuorpC@BuJrVnKNGP.KkU', psc_id: 736489412559, first_name: 'Test', last_name: 'pTNlTgLyVaGYpefhSGEgPuMGiw', date_of_birth: '1994-11-13', account_created: '2024-11-13 10:11:06' },
  amount: 10.0,
  notification_url: 'https://webhook.site/d086817f-ce64-401b-ba01-36cceef77fe1',
  payment_instrument: 'paysafecard',
  payment_instrument_subtype: 'account',
};

describe('paysafecard wire', () => {
  it.each(vectors.vectors)('builds the Basic header from the key alone, and the sandbox reads it back: $description', ({ apiKey, header }) => {
    expect(authorizationHeader(apiKey)).toBe(header);
    const state = new SandboxState();
    state.addMerchant({ apiKey, mid: '1' });
    expect(merchantOf(state, header)?.apiKey).toBe(apiKey);
    expect(merchantOf(state, `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`)).toBeUndefined();
  });

  it("reads the document's retrieve example as authorized with the customer data exchange fields", () => {
    expect(paymentOutcome(DOC_RETRIEVE)).toMatchObject({
      status: 'authorized',
      amount: money(1000n, 'EUR'),
      customer: { id: '736489412559', firstName: 'Test', lastName: 'pTNlTgLyVaGYpefhSGEgPuMGiw', birthDate: '1994-11-13', email: 'YMkzHuorpC@BuJrVnKNGP.KkU', accountCreated: '2024-11-13 10:11:06' },
    });
  });

  it('maps all seven payment statuses, and an unknown one to processing', () => {
    const of = (status: string, extra = {}) => paymentOutcome({ ...DOC_RETRIEVE, status, redirect: { auth_url: 'https://panel' }, ...extra });
    const mapped = PAYMENT_STATUSES.map((s) => [s, of(s).status]);
    expect(mapped).toEqual([
      ['INITIATED', 'requires_action'],
      ['REDIRECTED', 'requires_action'],
      ['AUTHORIZED', 'authorized'],
      ['SUCCESS', 'succeeded'],
      ['CANCELED_MERCHANT', 'declined'],
      ['CANCELED_CUSTOMER', 'declined'],
      ['EXPIRED', 'declined'],
    ]);
    expect(of('EXPIRED', { status_before_expiration: 'AUTHORIZED' })).toMatchObject({ status: 'failed', code: 'EXPIRED' });
    expect(of('CANCELED_MERCHANT')).toMatchObject({ reasonCode: DeclineReasonCode.CUSTOMER_DATA_MISMATCH });
    expect(of('SOMETHING_NEW').status).toBe('processing');
  });

  it('sends amounts as two-decimal numbers and reads them back exactly', () => {
    expect(toWireAmount(money(1n, 'EUR'))).toBe('0.01');
    expect(toWireAmount(money(123456789012n, 'EUR'))).toBe('1234567890.12');
    expect(() => toWireAmount(money(100n, 'JPY'))).toThrow();
    expect(fromWireAmount(0.01, 'EUR')).toEqual(money(1n, 'EUR'));
    expect(fromWireAmount(10, 'EUR')).toEqual(money(1000n, 'EUR'));
    expect(() => fromWireAmount(0.001, 'EUR')).toThrow();
    const body = payRequest({ apiKey: 'k', mid: '1' }, { reference: 'r', amount: money(1010n, 'EUR'), capture: true, source: { type: 'redirect' }, returnUrl: 'https://g/r', notificationUrl: 'https://g/n' }).body!;
    expect(body).toContain('"amount":10.10');
  });

  it('hashes a customer id that may be personal data and keeps our own UUIDs', () => {
    expect(customerIdFor('max@example.com', 'ref')).toMatch(/^[0-9a-f]{64}$/);
    expect(customerIdFor('0b7c6f1e-3a7b-4a39-9a3e-2f1d5b6c7d8e', 'ref')).toBe('0b7c6f1e-3a7b-4a39-9a3e-2f1d5b6c7d8e');
    expect(customerIdFor(undefined, 'ref')).toBe('guest_ref');
  });

  it('maps every documented refund and payout error number, and an unknown one to UNKNOWN', () => {
    for (const n of [3162, 3195, 3167, 3170, 3194, 3198, 3197, 3168, 3150, 3161, 3164, 3165, 3166, 3169, 3171, 3193, 3199, 3100, 3103, 3106, 3151, 3163, 3179, 3180, 3181, 3182, 3184, 3185]) {
      expect([n, !!REFUSALS[n]]).toEqual([n, true]);
    }
    expect(refusalOf(3195)).toEqual({ code: 'CUSTOMER_DETAILS_MISMATCH', reasonCode: DeclineReasonCode.CUSTOMER_DATA_MISMATCH, field: 'customer' });
    expect(refusalOf(9999)).toEqual({ code: 'PAYSAFECARD_9999', reasonCode: DeclineReasonCode.UNKNOWN, field: 'request' });
  });
});
