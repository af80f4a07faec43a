import { currencyExponent, isCurrency, type CurrencyCode } from './currency';

/** An exact amount: integer minor units of an ISO 4217 currency. There are no floats on this path. */
export interface Money {
  readonly amountMinor: bigint;
  readonly currency: CurrencyCode;
}

export type MoneyParseProblem = 'UNKNOWN_CURRENCY' | 'INVALID_AMOUNT' | 'TOO_MANY_DECIMALS';

export class MoneyParseError extends Error {
  constructor(
    readonly problem: MoneyParseProblem,
    message: string,
  ) {
    super(message);
  }
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export function parseCurrency(code: string): CurrencyCode {
  if (!isCurrency(code)) throw new MoneyParseError('UNKNOWN_CURRENCY', `"${code}" is not an ISO 4217 currency code`);
  return code;
}

/** "10.55" EUR → 1055n. Rejects more decimals than the currency has ("10.555" EUR), exponents and signs. */
export function toMinor(decimal: string, currency: CurrencyCode): bigint {
  const match = DECIMAL.exec(decimal.trim());
  if (!match) throw new MoneyParseError('INVALID_AMOUNT', `"${decimal}" is not a decimal amount`);
  const [, sign, whole, fraction = ''] = match;
  const exponent = currencyExponent(currency);
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > exponent) {
    throw new MoneyParseError(
      'TOO_MANY_DECIMALS',
      `${currency} allows ${exponent} decimal place${exponent === 1 ? '' : 's'}, got "${decimal}"`,
    );
  }
  const minor = BigInt(whole + significant.padEnd(exponent, '0'));
  return sign ? -minor : minor;
}

/** 1055n EUR → "10.55"; 500n JPY → "500"; 1234n KWD → "1.234". Always exactly the currency's decimals. */
export function toDecimal(amountMinor: bigint, currency: CurrencyCode): string {
  const exponent = currencyExponent(currency);
  const negative = amountMinor < 0n;
  const digits = (negative ? -amountMinor : amountMinor).toString().padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

export function money(amountMinor: bigint, currency: string): Money {
  return { amountMinor, currency: parseCurrency(currency) };
}

/** Parse a customer-facing decimal and currency into Money; a positive amount is required. */
export function parsePositiveMoney(decimal: string, currencyCode: string): Money {
  const currency = parseCurrency(currencyCode);
  const amountMinor = toMinor(decimal, currency);
  if (amountMinor <= 0n) throw new MoneyParseError('INVALID_AMOUNT', `amount must be greater than zero, got "${decimal}"`);
  return { amountMinor, currency };
}
