import {
  currencyExponent,
  money,
  MoneyParseError,
  parseCurrency,
  parsePositiveMoney,
  toDecimal,
  toMinor,
  type CurrencyCode,
} from '../../src/kernel/money';

const EUR = parseCurrency('EUR');
const JPY = parseCurrency('JPY');
const KWD = parseCurrency('KWD');
const CLF = parseCurrency('CLF');

function problemOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof MoneyParseError) return error.problem;
    throw error;
  }
  return undefined;
}

describe('currency exponents (ISO 4217 minor units)', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['EUR', 2],
    ['USD', 2],
    ['KWD', 3],
    ['BHD', 3],
    ['CLF', 4],
  ])('knows that %s has %i decimal places', (code, exponent) => {
    expect(currencyExponent(parseCurrency(code))).toBe(exponent);
  });

  it('refuses codes that are not ISO 4217 currencies, including lower case and test codes', () => {
    for (const code of ['eur', 'EURO', 'XXX', 'XTS', 'ABC', '']) {
      expect(problemOf(() => parseCurrency(code))).toBe('UNKNOWN_CURRENCY');
    }
  });

  it('throws instead of guessing an exponent for an unchecked code', () => {
    expect(() => currencyExponent('ZZZ' as CurrencyCode)).toThrow(RangeError);
  });
});

describe('toMinor: decimal string to integer minor units', () => {
  it.each([
    ['10.50', EUR, 1050n],
    ['10.5', EUR, 1050n],
    ['10', EUR, 1000n],
    ['0.01', EUR, 1n],
    ['0', EUR, 0n],
    ['500', JPY, 500n],
    ['1.234', KWD, 1234n],
    ['1.2', KWD, 1200n],
    ['0.001', KWD, 1n],
    ['1.0001', CLF, 10001n],
  ])('reads "%s" %s as %p', (decimal, currency, expected) => {
    expect(toMinor(decimal, currency)).toBe(expected);
  });

  it('refuses more decimals than the currency has, for every exponent', () => {
    expect(problemOf(() => toMinor('10.555', EUR))).toBe('TOO_MANY_DECIMALS');
    expect(problemOf(() => toMinor('10.5', JPY))).toBe('TOO_MANY_DECIMALS');
    expect(problemOf(() => toMinor('1.2345', KWD))).toBe('TOO_MANY_DECIMALS');
    expect(() => toMinor('10.555', EUR)).toThrow('EUR allows 2 decimal places, got "10.555"');
    expect(() => toMinor('1.5', JPY)).toThrow('JPY allows 0 decimal places');
  });

  it('accepts trailing zeros beyond the exponent because the value is still exact', () => {
    expect(toMinor('10.500', EUR)).toBe(1050n);
    expect(toMinor('500.00', JPY)).toBe(500n);
    expect(toMinor('1.2340', KWD)).toBe(1234n);
  });

  it('reads leading zeros as the same number, never as octal', () => {
    expect(toMinor('007.50', EUR)).toBe(750n);
    expect(toMinor('0010', JPY)).toBe(10n);
    expect(toMinor('00.05', EUR)).toBe(5n);
  });

  it('keeps a minus sign and refuses a plus sign or a doubled sign', () => {
    expect(toMinor('-10.50', EUR)).toBe(-1050n);
    expect(toMinor('-0.001', KWD)).toBe(-1n);
    expect(toMinor('-0', EUR)).toBe(0n);
    for (const bad of ['+10.50', '--1', '-+1', '1-']) expect(problemOf(() => toMinor(bad, EUR))).toBe('INVALID_AMOUNT');
  });

  it('refuses anything that is not a plain decimal: floats notation, separators, blanks, missing digits', () => {
    const bad = ['', ' ', '.5', '10.', '1e3', '1E-2', '10,50', '1 000', '1_000', 'NaN', 'Infinity', '0x10', '١٠', '10.5.1', 'ten'];
    for (const value of bad) expect([value, problemOf(() => toMinor(value, EUR))]).toEqual([value, 'INVALID_AMOUNT']);
  });

  it('ignores surrounding whitespace but nothing inside the number', () => {
    expect(toMinor('  10.50\n', EUR)).toBe(1050n);
    expect(problemOf(() => toMinor('10 .50', EUR))).toBe('INVALID_AMOUNT');
  });

  it('is exact for amounts far beyond 2^53, where a float would round', () => {
    expect(toMinor('90071992547409.93', EUR)).toBe(9007199254740993n);
    expect(BigInt(Math.round(Number('90071992547409.93') * 100))).not.toBe(9007199254740993n);
    expect(toMinor('123456789012345678901234567890.12', EUR)).toBe(12345678901234567890123456789012n);
    expect(toMinor('-9007199254740993', JPY)).toBe(-9007199254740993n);
    expect(toMinor('18446744073709551.615', KWD)).toBe(18446744073709551615n);
  });
});

describe('toDecimal: minor units to a decimal string', () => {
  it.each([
    [1055n, EUR, '10.55'],
    [1050n, EUR, '10.50'],
    [5n, EUR, '0.05'],
    [0n, EUR, '0.00'],
    [-5n, EUR, '-0.05'],
    [-1050n, EUR, '-10.50'],
    [500n, JPY, '500'],
    [0n, JPY, '0'],
    [-7n, JPY, '-7'],
    [1234n, KWD, '1.234'],
    [1n, KWD, '0.001'],
    [-1n, KWD, '-0.001'],
    [10001n, CLF, '1.0001'],
    [9007199254740993n, EUR, '90071992547409.93'],
  ])('writes %p %s as "%s"', (minor, currency, expected) => {
    expect(toDecimal(minor, currency)).toBe(expected);
  });

  it('round-trips through toMinor for every exponent, sign and size', () => {
    const samples = [0n, 1n, -1n, 9n, 10n, 99n, 100n, 101n, 123456n, -987654321n, 2n ** 64n + 7n, -(2n ** 70n)];
    for (const currency of [JPY, EUR, KWD, CLF]) {
      for (const minor of samples) expect(toMinor(toDecimal(minor, currency), currency)).toBe(minor);
    }
  });

  it('round-trips decimals already in canonical form', () => {
    const cases: [string, CurrencyCode][] = [['10.55', EUR], ['-0.01', EUR], ['0', JPY], ['123456789', JPY], ['1.001', KWD], ['-12.340', KWD]];
    for (const [decimal, currency] of cases) expect(toDecimal(toMinor(decimal, currency), currency)).toBe(decimal);
  });
});

describe('money and parsePositiveMoney', () => {
  it('builds Money from minor units and a checked currency', () => {
    expect(money(1050n, 'EUR')).toEqual({ amountMinor: 1050n, currency: 'EUR' });
    expect(problemOf(() => money(1n, 'EURO'))).toBe('UNKNOWN_CURRENCY');
  });

  it('parses a customer-facing amount such as "10.50" EUR into 1050 minor units', () => {
    expect(parsePositiveMoney('10.50', 'EUR')).toEqual({ amountMinor: 1050n, currency: 'EUR' });
    expect(parsePositiveMoney('1000', 'JPY')).toEqual({ amountMinor: 1000n, currency: 'JPY' });
    expect(parsePositiveMoney('0.001', 'KWD')).toEqual({ amountMinor: 1n, currency: 'KWD' });
  });

  it('refuses zero and negative amounts for a payment', () => {
    for (const value of ['0', '0.00', '-0.01', '-5']) expect(problemOf(() => parsePositiveMoney(value, 'EUR'))).toBe('INVALID_AMOUNT');
    expect(() => parsePositiveMoney('0', 'EUR')).toThrow('amount must be greater than zero, got "0"');
  });

  it('checks the currency before the amount so the error names the real problem', () => {
    expect(problemOf(() => parsePositiveMoney('10.555', 'XYZ'))).toBe('UNKNOWN_CURRENCY');
    expect(problemOf(() => parsePositiveMoney('10.555', 'EUR'))).toBe('TOO_MANY_DECIMALS');
  });
});
