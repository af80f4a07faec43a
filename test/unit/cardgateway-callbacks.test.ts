import vectors from '../vectors/cardgateway.json';
import { cardGatewayModule } from '../../src/providers/cardgateway';
import { parseCardGatewayCallback } from '../../src/providers/cardgateway/callbacks';
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
      eventKey: '77251:N',
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
