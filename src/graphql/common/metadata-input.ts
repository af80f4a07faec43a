import { InvalidInputError } from '../../kernel/errors';

export const METADATA_LIMITS = { entries: 50, keyLength: 40, valueLength: 500 } as const;

/**
 * Metadata arrives as a JSON object scalar, so GraphQL can't check its shape: string keys and string values
 * only, with Stripe-like size limits so one row can't carry megabytes.
 */
export function parseMetadata(value: unknown, field: string[]): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const bad = (message: string) => new InvalidInputError('INVALID_METADATA', message, field);
  if (typeof value !== 'object' || Array.isArray(value)) throw bad('metadata must be an object of string values');
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > METADATA_LIMITS.entries) throw bad(`metadata holds at most ${METADATA_LIMITS.entries} keys`);
  // Keys and values are not echoed: a merchant may put anything in metadata, even data that must not leak.
  for (const [key, entry] of entries) {
    if (key.length === 0 || key.length > METADATA_LIMITS.keyLength) {
      throw bad(`metadata keys must be 1 to ${METADATA_LIMITS.keyLength} characters`);
    }
    if (typeof entry !== 'string') throw bad('metadata values must be strings');
    if (entry.length > METADATA_LIMITS.valueLength) {
      throw bad(`metadata values must be at most ${METADATA_LIMITS.valueLength} characters`);
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
