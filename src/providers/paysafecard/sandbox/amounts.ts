/** The document's amount: a number with at most 2 decimals (the SDK sends a string "10.00"); cents inside the sandbox. */
export function parseAmount(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : undefined;
  if (text === undefined || !/^\d{1,9}(\.\d{1,2})?$/.test(text)) return undefined;
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Cents as the JSON number paysafecard answers with (10.00 → 10). */
export const asNumber = (cents: number): number => cents / 100;

/** Cents as the two-decimal text the customer panel shows. */
export const asText = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
