import { InvalidInputError } from './errors';

export interface RawCard {
  number: string;
  expMonth: number;
  expYear: number;
  cvc?: string;
  holderName?: string;
}

/** The Luhn check digit test on a string of digits; also what the log scrubber uses to tell a card number from an id. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Checks card data before anything is written or sent. Messages never repeat the value: a card number in an
 * error message would end up in the client's logs.
 */
export function validateCard(card: RawCard, field: string[], now = new Date()): void {
  if (!/^\d{12,19}$/.test(card.number) || !luhnValid(card.number)) {
    throw new InvalidInputError('INVALID_CARD_NUMBER', 'the card number is not a valid card number', [...field, 'number']);
  }
  if (!Number.isInteger(card.expMonth) || card.expMonth < 1 || card.expMonth > 12) {
    throw new InvalidInputError('INVALID_EXPIRY', 'expMonth must be 1–12', [...field, 'expMonth']);
  }
  if (!Number.isInteger(card.expYear) || card.expYear < 2000 || card.expYear > 2099) {
    throw new InvalidInputError('INVALID_EXPIRY', 'expYear must be a four-digit year', [...field, 'expYear']);
  }
  const thisMonth = now.getUTCFullYear() * 12 + now.getUTCMonth();
  if (card.expYear * 12 + (card.expMonth - 1) < thisMonth) {
    throw new InvalidInputError('CARD_EXPIRED', 'the card has expired', [...field, 'expYear']);
  }
  if (card.cvc !== undefined && !/^\d{3,4}$/.test(card.cvc)) {
    throw new InvalidInputError('INVALID_CVC', 'the security code must be 3 or 4 digits', [...field, 'cvc']);
  }
}
