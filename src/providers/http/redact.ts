import { scrubText } from '../../security/scrub';

/** Field names whose values never appear in a log line, whatever the provider calls them. */
const DEFAULT_FIELDS = [
  'card.number',
  'card.cvv',
  'cardNumber',
  'cvv',
  'cvv2',
  'cvc',
  'payment_method_card_number_pii',
  'payment_method_cvv_pii',
  'cvv_pii',
  'credit_card_number',
  'authentication.sKey',
  'authentication.checksum',
  'sKey',
  'secureKey',
  'password',
  'AuthToken',
  'account_number',
];

function maskJson(value: unknown, fields: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => maskJson(v, fields));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fields.has(k) ? '[redacted]' : maskJson(v, fields)]),
    );
  }
  return value;
}

/**
 * A provider body made safe to log: JSON and form bodies have listed fields masked, then anything shaped
 * like a card number is masked by the same scrubber the logger uses.
 */
export function redactBody(body: string, extra: readonly string[] = []): string {
  const fields = new Set([...DEFAULT_FIELDS, ...extra]);
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return scrubText(JSON.stringify(maskJson(JSON.parse(trimmed), fields)));
    } catch {
      return scrubText(body);
    }
  }
  if (/^[^=&\s]+=[^&]*(&[^=&\s]+=[^&]*)*\s*$/.test(trimmed)) {
    const params = new URLSearchParams(trimmed);
    for (const key of [...params.keys()]) if (fields.has(key)) params.set(key, '[redacted]');
    return scrubText(decodeURIComponent(params.toString()));
  }
  return scrubText(body);
}
