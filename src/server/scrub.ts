/**
 * Masks anything that looks like a card number (13–19 digits, optionally split by spaces or dashes, passing
 * the Luhn check) and CVV-shaped values next to a cvv/cvc/cvv2 name. Used on log lines and error messages.
 */
const CANDIDATE = /(?<![\d])(?:\d[ -]?){12,18}\d(?![\d])/g;
const CVV = /((?:"|\b)(?:cvv2?|cvc2?|card\.cvv|cvv_pii|payment_method_cvv_pii|securityCode)"?\s*[:=]\s*"?)(\d{3,4})/gi;
const API_KEY = /pgk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function scrubText(text: string): string {
  return text
    .replace(CANDIDATE, (match) => {
      const digits = match.replace(/[ -]/g, '');
      return luhnValid(digits) ? `[card ${digits.slice(-4).padStart(digits.length, '*').slice(-8)}]` : match;
    })
    .replace(CVV, (_m, name: string) => `${name}***`)
    .replace(API_KEY, 'pgk_[redacted]');
}
