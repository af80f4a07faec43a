import { luhnValid } from '../kernel/card-validation';

/**
 * Masks anything that looks like a card number (13–19 digits passing the Luhn check, split by any run of
 * whitespace or dashes, as `pay` itself accepts them: double spaces and tabs included) and CVV-shaped values
 * next to a cvv/cvc/csc/cvn name. Used on log lines and error messages, where a tab or newline may still be
 * written as its JSON escape. Digits right after a decimal point are a fraction, not a card number.
 */
const SEPARATOR = String.raw`(?:[\s\-\u2010-\u2015\u2212]|\\[tnrfb]|\\u00[01][0-9a-fA-F])*`;
const CANDIDATE = new RegExp(String.raw`(?<![\d.])(?:\d${SEPARATOR}){12,18}\d(?!\d)`, 'g');
const CVV = /((?:"|\b)(?:cvv2?|cvc2?|csc|cvn|cvv_?code|card_?cvc|card\.cvv|cvv_pii|payment_method_cvv_pii|securityCode)"?\s*[:=]\s*"?)(\d{3,4})/gi;
const API_KEY = /pgk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/g;

/** The digits of a candidate, without its separators (a JSON escape such as \u0009 holds digits of its own). */
function digitsOf(match: string): string {
  return match.replace(/\\u00[01][0-9a-fA-F]|\\[tnrfb]/g, '').replace(/\D/g, '');
}

/**
 * Ids in UUID form are not card numbers, though their digit groups can run on across the dashes and pass the
 * Luhn check by chance (about one random UUID in a thousand): a merchant's UUID customer id must not be refused
 * as card data, nor a request id masked in a log line.
 */
const UUID = /\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g;
const withoutUuids = (text: string) => text.replace(UUID, (uuid) => uuid.replace(/\d/g, 'x'));

/** Applies `mask` to the text between UUIDs, keeping each UUID as it is. */
function outsideUuids(text: string, mask: (part: string) => string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(UUID)) {
    out += mask(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + mask(text.slice(last));
}

/** Whether the text carries a Luhn-valid card number anywhere, however it is spaced. */
export function containsCardNumber(text: string): boolean {
  return (withoutUuids(text).match(CANDIDATE) ?? []).some((match) => luhnValid(digitsOf(match)));
}

function maskCard(digits: string): string {
  return `[card ****${digits.slice(-4)}]`;
}

export function scrubText(text: string): string {
  const cards = (part: string) =>
    part.replace(CANDIDATE, (match) => {
      const digits = digitsOf(match);
      return luhnValid(digits) ? maskCard(digits) : match;
    });
  return outsideUuids(text, cards)
    .replace(CVV, (_m, name: string) => `${name}***`)
    .replace(API_KEY, 'pgk_[redacted]');
}

/** Whether scrubText would change anything: the fast path for log lines, which almost never need it. */
export function needsScrub(text: string): boolean {
  return containsCardNumber(text) || new RegExp(CVV.source, 'i').test(text) || text.includes('pgk_');
}

/** Keys whose values never reach a log, at any depth: card data, credentials, and provider tokens. */
const SECRET_KEY =
  /^(card_?number|number|pan|cvv2?|cvc2?|csc|cvn|cvv_?code|card_?cvc|security_?code|expiry|exp_?(month|year)|password|secret|api_?key|token|access_?token|authorization|control_?key)$/i;

/**
 * `suspicious`: any run of 13–19 digits is treated as a card number, Luhn or not (a mistyped card number is
 * still card data). For client input, where such runs have no business. Log records themselves are scrubbed
 * with Luhn only, because timestamps and ids are long digit runs too.
 */
export interface RedactOptions {
  suspicious?: boolean;
}

/**
 * A copy of a JSON-like value (GraphQL variables, a log record, a provider body) with secret-named fields
 * replaced and card numbers, CVVs and API keys masked in every string and number.
 */
export function redactSecrets(value: unknown, options: RedactOptions = {}, depth = 0): unknown {
  if (depth > 20) return '[too deep]';
  if (typeof value === 'string') return redactString(value, options);
  if (typeof value === 'number') return redactNumber(value, options);
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, options, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        redactString(key, options),
        SECRET_KEY.test(key) ? '[redacted]' : redactSecrets(item, options, depth + 1),
      ]),
    );
  }
  return value;
}

function redactString(text: string, options: RedactOptions): string {
  const scrubbed = scrubText(text);
  return options.suspicious ? scrubbed.replace(CANDIDATE, (match) => maskCard(digitsOf(match))) : scrubbed;
}

/** A 13-digit Luhn-valid number is far more often a millisecond timestamp than a card, so numbers start at 14. */
function redactNumber(value: number, options: RedactOptions): number | string {
  if (!Number.isInteger(value)) return value;
  const digits = Math.abs(value).toString();
  if (options.suspicious && digits.length >= 13) return maskCard(digits);
  return digits.length >= 14 && luhnValid(digits) ? maskCard(digits) : value;
}

/** A serialized JSON log line, scrubbed structurally so it stays valid JSON (text masking could break numbers). */
export function scrubLogLine(line: string): string {
  if (!needsScrub(line)) return line;
  try {
    return JSON.stringify(redactSecrets(JSON.parse(line))) + '\n';
  } catch {
    return scrubText(line);
  }
}
