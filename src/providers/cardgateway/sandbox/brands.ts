import type { Reply } from './auth';
import { invalid } from './validate';

/**
 * The sandbox's own reading of a card number's scheme (IIN ranges as the schemes publish them), written apart
 * from the adapter so the two cannot agree on a wrong range. Names are the platform's `paymentBrand` values.
 */
const RANGES: readonly (readonly [RegExp, string])[] = [
  [/^4/, 'VISA'],
  [/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/, 'MASTER'],
  [/^3[47]/, 'AMEX'],
  [/^35(2[89]|[3-8]\d)/, 'JCB'],
  [/^3(0[0-5]|[689])/, 'DINERS'],
  [/^(6011|64[4-9]|65)/, 'DISCOVER'],
  [/^62/, 'UNIONPAY'],
  [/^(50|5[6-9]|6)/, 'MAESTRO'],
];

export function brandOf(pan: string): string {
  return RANGES.find(([range]) => range.test(pan))?.[1] ?? 'UNKNOWN';
}

/** The platform requires `paymentBrand` with card data, and refuses one the number does not belong to. */
export function checkPaymentBrand(fields: Record<string, string>, pan: string): Reply | undefined {
  const sent = fields['paymentBrand'];
  if (!sent) return invalid('paymentBrand is required for card payments (VISA, MASTER, AMEX, JCB, DINERS, DISCOVER, UNIONPAY, MAESTRO)');
  const actual = brandOf(pan);
  if (sent !== actual) return invalid(`paymentBrand ${sent} does not match the card number`);
  return undefined;
}
