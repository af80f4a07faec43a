import type { RecordedRequest } from './state';

/**
 * The platform takes the same parameters form-encoded or as JSON ("<parameter name>:<parameter value>"),
 * so both arrive here as one flat map with dotted names. Nested JSON objects are flattened the same way.
 */
export function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value === null || value === undefined) return out;
  if (typeof value !== 'object') {
    out[prefix] = String(value);
    return out;
  }
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  return out;
}

const CARD_NUMBER = /(^|\.)(card\.number|number)$/;

/** What the sandbox keeps of a request: the card number reduced to first six / last four, no CVV, no keys. */
export function maskForRecord(fields: Record<string, string>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (CARD_NUMBER.test(name) && value.length > 10) masked[name] = `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
    else if (/cvv/i.test(name)) masked[name] = '***';
    else if (/sKey$/.test(name)) masked[name] = '[redacted]';
    else masked[name] = value;
  }
  return masked;
}

export function recordRequest(method: string, path: string, headers: Record<string, unknown>, fields: Record<string, string>): RecordedRequest {
  const kept: Record<string, string> = {};
  for (const name of ['content-type', 'authtoken']) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = name === 'authtoken' ? `${value.slice(0, 12)}…` : value;
  }
  return { at: new Date().toISOString(), method, path, headers: kept, body: maskForRecord(fields) };
}

/** The platform's amount format: digits, a dot, exactly two decimals ("50.00", never "50" or "50.5"). */
export function parseAmount(amount: string | undefined): bigint | undefined {
  if (!amount || !/^\d{1,12}\.\d{2}$/.test(amount)) return undefined;
  return BigInt(amount.replace('.', ''));
}

export function formatCents(cents: bigint): string {
  const digits = cents.toString().padStart(3, '0');
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
