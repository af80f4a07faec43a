import { inspect } from 'node:util';
import { Secret } from './secret';

export type CardBrand = 'VISA' | 'MASTERCARD' | 'AMEX' | 'DISCOVER' | 'JCB' | 'DINERS' | 'UNIONPAY' | 'MAESTRO' | 'UNKNOWN';

/** What may be kept about a card: never the number or CVV. */
export interface CardSummary {
  brand: CardBrand;
  first6: string;
  last4: string;
  expMonth: number;
  expYear: number;
  holderName?: string;
}

/**
 * Card data for one request, held in memory only. Number and CVC are Secrets; serializing or inspecting a
 * CardData shows the summary alone, so a stray `log.info({ card })` or `JSON.stringify(request)` leaks nothing.
 */
export class CardData {
  readonly number: Secret;
  readonly cvc?: Secret;

  constructor(
    number: string,
    readonly expMonth: number,
    readonly expYear: number,
    cvc?: string,
    readonly holderName?: string,
  ) {
    this.number = new Secret(number);
    this.cvc = cvc === undefined ? undefined : new Secret(cvc);
  }

  get summary(): CardSummary {
    const pan = this.number.reveal();
    return {
      brand: cardBrand(pan),
      first6: pan.slice(0, 6),
      last4: pan.slice(-4),
      expMonth: this.expMonth,
      expYear: this.expYear,
      holderName: this.holderName,
    };
  }

  toJSON(): CardSummary {
    return this.summary;
  }

  [inspect.custom](): string {
    const s = this.summary;
    return `CardData(${s.brand} ${s.first6}…${s.last4} ${s.expMonth}/${s.expYear})`;
  }
}

/** IIN ranges as published by the schemes (ISO/IEC 7812 registrations); enough to label, not to route. */
export function cardBrand(pan: string): CardBrand {
  if (/^4/.test(pan)) return 'VISA';
  if (/^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/.test(pan)) return 'MASTERCARD';
  if (/^3[47]/.test(pan)) return 'AMEX';
  if (/^(6011|65|64[4-9])/.test(pan)) return 'DISCOVER';
  if (/^35(2[89]|[3-8]\d)/.test(pan)) return 'JCB';
  if (/^3(0[0-5]|[689])/.test(pan)) return 'DINERS';
  if (/^62/.test(pan)) return 'UNIONPAY';
  if (/^(50|5[6-9]|6)/.test(pan)) return 'MAESTRO';
  return 'UNKNOWN';
}
