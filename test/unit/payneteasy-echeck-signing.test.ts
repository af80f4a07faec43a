import vectors from '../vectors/payneteasy-echeck.json';
import { money } from '../../src/kernel/money';
import { callbackControl, controlEquals, saleEcheckControl, statusControl } from '../../src/providers/payneteasy/echeck/signing';
import { wireAmount } from '../../src/providers/payneteasy/echeck/requests';
import { callbackSignature, expectedSaleControl, expectedStatusControl, minorUnits } from '../../src/providers/payneteasy/sandbox/echeck/control';

type Fields = Record<string, string>;
const all = vectors.vectors as unknown as { kind: string; description: string; fields: Fields; input: string; sha1: string }[];
const keys = (f: Fields) => ({ endpointId: f.endpointId ?? '', login: f.login ?? '', controlKey: f.merchantControl! });

/** The adapter's signer. Sale amounts come in as minor units (bigint) — what the adapter holds. */
function adapterSign(kind: string, f: Fields): string {
  if (kind === 'sale-echeck') return saleEcheckControl(keys(f), { clientOrderId: f.client_orderid!, amountMinor: BigInt(f.amountMinor!), email: f.email! });
  if (kind === 'status') return statusControl(keys(f), { clientOrderId: f.client_orderid!, orderId: f.orderid! });
  return callbackControl(f.merchantControl!, { status: f.status!, orderId: f.orderid!, clientOrderId: f.client_orderid! });
}

/** The sandbox's verifier, written apart. Sale amounts come in as the decimal string sent on the wire. */
function sandboxSign(kind: string, f: Fields): string {
  if (kind === 'sale-echeck') return expectedSaleControl(keys(f), { client_orderid: f.client_orderid!, amount: f.amount!, email: f.email! });
  if (kind === 'status') return expectedStatusControl(keys(f), { client_orderid: f.client_orderid!, orderid: f.orderid! });
  return callbackSignature(f.merchantControl!, { status: f.status!, orderid: f.orderid!, client_orderid: f.client_orderid! });
}

describe('Payneteasy API v2 control (SHA-1) against vectors computed with sha1sum', () => {
  it('holds sale, status and callback vectors, and the vendor libraries\' own callback fixture', () => {
    expect(new Set(all.map((v) => v.kind))).toEqual(new Set(['sale-echeck', 'status', 'callback']));
    expect(all.find((v) => v.fields.orderid === '_')?.sha1).toBe('2c84ae87d73fa3dc116b3203e8bb1c133eed829d');
  });

  it.each(all.map((v) => [v.description, v] as const))('the adapter signs: %s', (_d, v) => {
    expect(adapterSign(v.kind, v.fields)).toBe(v.sha1);
  });

  it.each(all.map((v) => [v.description, v] as const))('the sandbox verifies: %s', (_d, v) => {
    expect(sandboxSign(v.kind, v.fields)).toBe(v.sha1);
  });

  it.each([
    ['0.29', 29n],
    ['19.99', 1999n],
    ['4.35', 435n],
    ['10.55', 1055n],
    ['0.57', 57n],
    ['100.00', 10000n],
  ])('converts %s exactly, both ways: the adapter sends it, the sandbox reads the minor units back', (decimal, minor) => {
    expect(wireAmount(money(minor, 'USD'))).toBe(decimal);
    expect(minorUnits(decimal)).toBe(minor.toString());
  });

  it('reads the document\'s own amount forms: "10.5" is 1050 and "100" is 10000 minor units; junk is no amount', () => {
    expect(minorUnits('10.5')).toBe('1050');
    expect(minorUnits('100')).toBe('10000');
    for (const junk of ['1e3', '-1.00', '1.234', '', '0x10', '1,00']) expect(minorUnits(junk)).toBeUndefined();
  });

  it('compares controls exactly: the right digest in uppercase, or one character off, does not verify', () => {
    const v = all.find((x) => x.kind === 'callback')!;
    expect(controlEquals(v.sha1, v.sha1)).toBe(true);
    expect(controlEquals(v.sha1.toUpperCase(), v.sha1)).toBe(false);
    expect(controlEquals(v.sha1.slice(0, -1) + (v.sha1.endsWith('0') ? '1' : '0'), v.sha1)).toBe(false);
    expect(controlEquals(v.sha1.slice(1), v.sha1)).toBe(false);
  });
});
