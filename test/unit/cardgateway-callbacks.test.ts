import vectors from '../vectors/cardgateway.json';
import { cardGatewayModule } from '../../src/providers/cardgateway';
import { parseCardGatewayCallback } from '../../src/providers/cardgateway/callbacks';
import type { CurrencyCode } from '../../src/kernel/money';
import { CallbackVerificationError } from '../../src/providers/provider';

const documented = vectors.vectors.find((v) => v.input.startsWith('77251|011E1D8A5C034|156.00|N|'))!;
const secret = documented.fields.secureKey!;

/** The document's example notification, signed with the checksum openssl computed for it. */
const example = {
  paymentId: '77251',
  status: 'authfailed',
  transactionStatus: 'N',
  paymentBrand: 'VISA',
  paymentMode: 'CC',
  amount: '156.00',
  currency: 'USD',
  merchantTransactionId: '011E1D8A5C034',
  remark: 'Insufficient funds',
  checksum: documented.md5,
  result: { code: '11051', description: 'Insufficient funds' },
  card: { bin: '400000', last4Digits: '9995' },
  timestamp: '2026-01-01T10:00:00Z',
};

const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, rawBody: Buffer.from(JSON.stringify(body)), query: {} });

describe('card gateway notifications', () => {
  it('accepts the documented example signed over the short status and reads it as a decline', async () => {
    const parsed = await parseCardGatewayCallback(json(example), secret);
    expect(parsed).toMatchObject({
      eventKey: expect.stringMatching(/^77251:N:authfailed:[0-9a-f]{16}$/),
      signedOutcome: false,
      operation: 'payment',
      reference: '011E1D8A5C034',
      providerTransactionId: '77251',
      outcome: { status: 'declined', code: '11051', reason: 'Insufficient funds', amount: { amountMinor: 15600n, currency: 'USD' } },
    });
    expect(parsed.payload).not.toHaveProperty('checksum');
  });

  it('accepts the same notification form-encoded', async () => {
    const { result: _result, card: _card, ...flat } = example;
    const form = new URLSearchParams({ ...flat, 'result.code': '11051', 'result.description': 'Insufficient funds', 'card.bin': '400000' });
    const parsed = await parseCardGatewayCallback({ headers: {}, rawBody: Buffer.from(form.toString()), query: {} }, secret);
    expect(parsed.outcome).toMatchObject({ status: 'declined', code: '11051' });
  });

  it('marks the outcome as a hint: the checksum covers neither the long status nor the currency', async () => {
    const forged = await parseCardGatewayCallback(json({ ...example, status: 'capturesuccess', currency: 'EUR' }), secret);
    expect(forged.signedOutcome).toBe(false);
    expect(forged.readSignedAmount!('USD' as CurrencyCode)).toEqual({ amountMinor: 15600n, currency: 'USD' });
  });

  it('gives a forged long status its own event key, so the genuine notification is never its duplicate', async () => {
    const genuine = await parseCardGatewayCallback(json(example), secret);
    const forged = await parseCardGatewayCallback(json({ ...example, status: 'capturesuccess' }), secret);
    const unknown = await parseCardGatewayCallback(json({ ...example, status: 'made-up' }), secret);
    const again = await parseCardGatewayCallback(json({ ...example, currency: 'EUR', remark: 'other' }), secret);
    expect(forged.eventKey).not.toBe(genuine.eventKey);
    expect(unknown.eventKey).toMatch(/^77251:N:-:/);
    expect(again.eventKey).toBe(genuine.eventKey);
  });

  it('rejects a notification whose status was changed from N to Y', async () => {
    await expect(parseCardGatewayCallback(json({ ...example, transactionStatus: 'Y', status: 'capturesuccess' }), secret)).rejects.toThrow(CallbackVerificationError);
  });

  it('rejects an amount reformatted from 156.00 to 156.0, because the checksum covers the string as sent', async () => {
    await expect(parseCardGatewayCallback(json({ ...example, amount: '156.0' }), secret)).rejects.toThrow(CallbackVerificationError);
  });

  it('rejects a notification checked with another merchant secret', async () => {
    await expect(parseCardGatewayCallback(json(example), 'another-secret')).rejects.toThrow(/checksum/);
  });

  it('rejects a body that is not a notification without echoing it', async () => {
    await expect(parseCardGatewayCallback(json({ hello: 'world' }), secret)).rejects.toThrow(CallbackVerificationError);
    await expect(parseCardGatewayCallback({ headers: {}, rawBody: Buffer.from('{not json'), query: {} }, secret)).rejects.toThrow(/JSON/);
  });

  it('gives the engine the transaction to look up before anything is verified', () => {
    expect(cardGatewayModule.facets.callbacks!.hint(json(example))).toEqual({ reference: '011E1D8A5C034', providerTransactionId: '77251' });
    expect(cardGatewayModule.facets.callbacks!.hint(json({}))).toBeUndefined();
  });
});
