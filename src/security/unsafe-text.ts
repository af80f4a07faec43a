/**
 * Text PostgreSQL cannot store or that is not text at all: a NUL byte (PostgreSQL refuses it in text and
 * jsonb: "invalid byte sequence" answered as a 500) and a lone UTF-16 surrogate (not a character; the driver
 * turns it into U+FFFD, so what is stored is not what was sent). Refused wherever client input enters.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type UnsafeText = 'NUL byte' | 'lone UTF-16 surrogate';

export function unsafeText(text: string): UnsafeText | undefined {
  if (text.includes('\u0000')) return 'NUL byte';
  if (LONE_SURROGATE.test(text)) return 'lone UTF-16 surrogate';
  return undefined;
}

export interface UnsafeFinding {
  path: (string | number)[];
  problem: UnsafeText;
}

/** The first string (or object key) of a JSON-like value that is unsafe, with its path. */
export function findUnsafeText(value: unknown, path: (string | number)[] = [], depth = 0): UnsafeFinding | undefined {
  if (typeof value === 'string') {
    const problem = unsafeText(value);
    return problem && { path, problem };
  }
  if (depth > 64 || !value || typeof value !== 'object') return undefined;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const keyProblem = typeof key === 'string' ? unsafeText(key) : undefined;
    if (keyProblem) return { path: [...path, key], problem: keyProblem };
    const found = findUnsafeText(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}
