import { money } from '../../src/kernel/money';
import { CARDGATEWAY_FACETS } from '../../src/providers/cardgateway';
import { fromWireAmount, operationOutcome, outcomeKind, paymentOutcome, toWireAmount } from '../../src/providers/cardgateway/mapping';
import { LONG_STATUSES } from '../../src/providers/cardgateway/status-table';
import { paymentResponse } from '../../src/providers/cardgateway/wire';
import { DeclineReasonCode, ProviderError } from '../../src/providers/provider';
import { declineReasonCode } from '../../src/providers/cardgateway/decline-codes';

const reply = (body: Record<string, unknown>) => paymentResponse.parse(body);

describe('card gateway amounts', () => {
  it('sends exactly two decimals for two-decimal currencies', () => {
    expect(toWireAmount(money(15600n, 'USD'))).toBe('156.00');
    expect(toWireAmount(money(5n, 'EUR'))).toBe('0.05');
    expect(toWireAmount(money(123456789012345678n, 'EUR'))).toBe('1234567890123456.78');
  });

  it('sends zero-decimal currencies with ".00" and reads them back exactly', () => {
    expect(toWireAmount(money(500n, 'JPY'))).toBe('500.00');
    expect(fromWireAmount('500.00', 'JPY')).toEqual(money(500n, 'JPY'));
  });

  it('refuses a JPY amount from the platform with a fraction instead of rounding it', () => {
    expect(() => fromWireAmount('500.50', 'JPY')).toThrow(ProviderError);
  });

  it('sends a three-decimal currency only when its third decimal is zero', () => {
    expect(toWireAmount(money(1230n, 'KWD'))).toBe('1.23');
    expect(fromWireAmount('1.23', 'KWD')).toEqual(money(1230n, 'KWD'));
    expect(() => toWireAmount(money(1234n, 'KWD'))).toThrow(/two decimals/);
  });

  it('declares only currencies it can carry exactly', () => {
    expect(CARDGATEWAY_FACETS.payments.currencies).toEqual(expect.arrayContaining(['EUR', 'USD', 'JPY']));
    expect(CARDGATEWAY_FACETS.payments.currencies).not.toContain('KWD');
  });

  it('reads amounts without floating point: 0.1 + 0.2 style values stay exact', () => {
    expect(fromWireAmount('0.30', 'EUR').amountMinor).toBe(30n);
    expect(fromWireAmount('90071992547409.93', 'EUR').amountMinor).toBe(9007199254740993n);
  });
});

describe('card gateway status table', () => {
  it('maps every documented long status to a definite outcome', () => {
    const kinds = Object.fromEntries(LONG_STATUSES.map((s) => [s, outcomeKind(s)]));
    expect(kinds).toEqual({
      begun: 'processing',
      authstarted: 'requires_action',
      authsuccessful: 'authorized',
      authfailed: 'declined',
      authcancelled: 'cancelled',
      cancelstarted: 'processing',
      cancelled: 'cancelled',
      capturestarted: 'processing',
      capturesuccess: 'succeeded',
      capturefailed: 'failed',
      settled: 'succeeded',
      markedforreversal: 'succeeded',
      reversed: 'succeeded',
      chargeback: 'succeeded',
      failed: 'failed',
      payoutstarted: 'processing',
      payoutsuccessful: 'succeeded',
      payoutfailed: 'declined',
    });
  });

  it('treats an unknown status as processing, never as success or failure', () => {
    expect(outcomeKind('somethingnew')).toBe('processing');
    expect(outcomeKind(undefined)).toBe('processing');
    expect(outcomeKind('somethingnew', 'N')).toBe('declined');
  });
});

describe('card gateway answers → outcomes', () => {
  it('reads an approved debit with the amount the platform reports', () => {
    const outcome = paymentOutcome(reply({ paymentId: '77251', paymentType: 'DB', status: 'capturesuccess', transactionStatus: 'Y', amount: '156.00', currency: 'USD', merchantTransactionId: 'order-1', result: { code: '00001', description: 'Transaction succeeded' } }), 'USD');
    expect(outcome).toMatchObject({ status: 'succeeded', providerTransactionId: '77251', amount: money(15600n, 'USD') });
  });

  it('keeps the issuer decline code and text as the reason', () => {
    const outcome = paymentOutcome(reply({ paymentId: 1, status: 'authfailed', amount: '10.00', currency: 'EUR', result: { code: '11051', description: 'Insufficient funds' } }), 'EUR');
    expect(outcome).toMatchObject({ status: 'declined', code: '11051', reason: 'Insufficient funds', providerTransactionId: '1' });
  });

  it('turns a 3-D Secure answer into a redirect to the ACS', () => {
    const outcome = paymentOutcome(
      reply({ paymentId: '9', status: 'authstarted', transactionStatus: '3D', result: { code: '00002', description: 'pending' }, redirect: { url: 'https://acs.example/x', method: 'POST', parameters: [{ name: 'PaReq', value: 'abc' }] } }),
      'EUR',
    );
    expect(outcome).toMatchObject({ status: 'requires_action', action: { type: 'redirect', url: 'https://acs.example/x', method: 'POST', fields: { PaReq: 'abc' } } });
  });

  it('reads a refused capture (status unchanged, short status N) as failed with the platform code', () => {
    const outcome = operationOutcome(reply({ paymentId: '5', paymentType: 'CP', status: 'authsuccessful', transactionStatus: 'N', amount: '20.00', currency: 'EUR', result: { code: '10005', description: 'Capture transaction failed: amount exceeds' } }), 'capture', 'EUR');
    expect(outcome).toMatchObject({ status: 'failed', code: '10005' });
  });

  it('falls back on the result code family when an operation answer has no short status', () => {
    const base = { paymentId: '5', amount: '20.00', currency: 'EUR' };
    expect(operationOutcome(reply({ ...base, result: { code: '00004', description: 'Transaction captured successfully' } }), 'capture', 'EUR').status).toBe('succeeded');
    expect(operationOutcome(reply({ ...base, result: { code: '10005', description: 'Capture transaction failed' } }), 'capture', 'EUR')).toMatchObject({ status: 'failed', code: '10005' });
  });

  it('reads a successful reversal as cancelled and a successful refund as succeeded', () => {
    const base = { paymentId: '5', amount: '20.00', currency: 'EUR', result: { code: '00003', description: 'ok' } };
    expect(operationOutcome(reply({ ...base, status: 'authcancelled', transactionStatus: 'C' }), 'cancel', 'EUR').status).toBe('cancelled');
    expect(operationOutcome(reply({ ...base, status: 'reversed', transactionStatus: 'Y' }), 'refund', 'EUR').status).toBe('succeeded');
  });
});

describe('card gateway decline reasons', () => {
  it.each([
    ['11005', DeclineReasonCode.DO_NOT_HONOR],
    ['11051', DeclineReasonCode.INSUFFICIENT_FUNDS],
    ['11033', DeclineReasonCode.EXPIRED_CARD],
    ['11043', DeclineReasonCode.LOST_OR_STOLEN_CARD],
    ['10001', DeclineReasonCode.DO_NOT_HONOR],
    ['20007', DeclineReasonCode.AUTHENTICATION_FAILED],
    ['10006', DeclineReasonCode.INVALID_REQUEST],
    ['11099', DeclineReasonCode.UNKNOWN],
    ['99999', DeclineReasonCode.UNKNOWN],
  ])('reads result code %s as %s', (code, expected) => {
    expect(declineReasonCode(code)).toBe(expected);
  });

  it('puts the neutral reason beside the raw code on a declined payment', () => {
    const outcome = paymentOutcome(reply({ paymentId: '1', status: 'authfailed', result: { code: '11051', description: 'Insufficient funds' } }), 'EUR');
    expect(outcome).toMatchObject({ status: 'declined', code: '11051', reason: 'Insufficient funds', reasonCode: DeclineReasonCode.INSUFFICIENT_FUNDS });
  });
});
