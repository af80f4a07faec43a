import { parseCurrency } from '../../src/kernel/money';
import { DeclineReasonCode } from '../../src/providers/provider';
import { declineReasonCode } from '../../src/providers/paynearme/decline-codes';
import { cancellationOutcome, errorCode, paymentOutcome } from '../../src/providers/paynearme/mapping';
import { errorEnvelope, payment } from '../../src/providers/paynearme/wire';

const USD = parseCurrency('USD');
const usd = (minor: bigint) => ({ amountMinor: minor, currency: USD });

describe('PayNearMe mapping', () => {
  it('reads a Payments object whose ids and amounts are numbers or strings (PROTOCOL-NOTES "Identifier quirk")', () => {
    const p = payment.parse({ payment_status: 'approved', pnm_payment_identifier: 85237034088, payment_amount: 102.95, net_payment_amount: '100.00' });
    expect(paymentOutcome(p, USD)).toEqual({ status: 'succeeded', providerTransactionId: '85237034088', providerStatus: 'approved', amount: usd(10_000n), fee: usd(295n) });
  });

  it.each([
    ['approved', 'succeeded'],
    ['refunded', 'succeeded'],
    ['canceled', 'cancelled'],
    ['cancelled', 'cancelled'],
    ['authorized', 'processing'],
    ['waiting for review', 'processing'],
    ['something new', 'processing'],
  ])('maps payment_status %s to %s', (status, expected) => {
    expect(paymentOutcome(payment.parse({ payment_status: status, pnm_payment_identifier: '1', payment_amount: '5.00' }), USD).status).toBe(expected);
  });

  it('maps a rejected payment to a decline with the issuer code and a neutral reason', () => {
    const p = payment.parse({ payment_status: 'rejected', pnm_payment_identifier: '9', payment_amount: '5.00', decline_code: '51', decline_reason: 'Insufficient funds' });
    expect(paymentOutcome(p, USD)).toMatchObject({ status: 'declined', code: '51', reason: 'Insufficient funds', reasonCode: DeclineReasonCode.INSUFFICIENT_FUNDS });
    expect(declineReasonCode('99')).toBe(DeclineReasonCode.UNKNOWN);
    expect(declineReasonCode(undefined)).toBe(DeclineReasonCode.UNKNOWN);
  });

  it('counts a canceled payment as the cancellation succeeding, anything else as not yet', () => {
    expect(cancellationOutcome(payment.parse({ payment_status: 'canceled', pnm_payment_identifier: '1' }), USD).status).toBe('succeeded');
    expect(cancellationOutcome(payment.parse({ payment_status: 'approved', pnm_payment_identifier: '1' }), USD).status).toBe('processing');
  });

  it('reads both error envelope forms and codes the document error texts', () => {
    expect(errorEnvelope.parse({ status: 'error', errors: [{ description: 'Unrecognized API Call' }] }).errors).toEqual(['Unrecognized API Call']);
    expect(errorEnvelope.parse({ status: 'error', errors: ['Order not found for given pnm_order_identifier'] }).errors).toEqual(['Order not found for given pnm_order_identifier']);
    expect(errorCode('Unrecognized API Call')).toBe('UNRECOGNIZED_API_CALL');
    expect(errorCode('Order not found for given site_order_identifier')).toBe('ORDER_NOT_FOUND');
    expect(errorCode('colour is not a supported parameter for this API call')).toBe('UNSUPPORTED_PARAMETER');
    expect(errorCode('Timestamp is out of range (+/- 300 seconds)')).toBe('TIMESTAMP_OUT_OF_RANGE');
    expect(errorCode('Signature is not correct -- string used for signature verification (redacted): a1b2')).toBe('SIGNATURE_NOT_CORRECT');
    expect(errorCode('Payment method is not active')).toBe('PAYNEARME_REFUSED');
  });
});
