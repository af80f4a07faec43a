import type { CardBrand } from '../card-data';
import { ProviderError } from '../provider';

/**
 * `paymentBrand` as the platform names it (docs/cardgateway.md "Payments"): required on card payments, and
 * derived here from the card's range (CardData's IIN table) rather than asked of the caller. Mastercard is
 * `MASTER` on this platform. A card of no known scheme is refused before anything is sent: the platform
 * would refuse a payment without a brand.
 */
const PLATFORM_BRANDS: Readonly<Record<Exclude<CardBrand, 'UNKNOWN'>, string>> = {
  VISA: 'VISA',
  MASTERCARD: 'MASTER',
  AMEX: 'AMEX',
  JCB: 'JCB',
  DINERS: 'DINERS',
  DISCOVER: 'DISCOVER',
  UNIONPAY: 'UNIONPAY',
  MAESTRO: 'MAESTRO',
};

export function paymentBrand(brand: CardBrand): string {
  if (brand === 'UNKNOWN') throw new ProviderError('final', 'UNSUPPORTED_CARD_BRAND', 'the card gateway needs the card brand, and this card number belongs to no scheme it knows');
  return PLATFORM_BRANDS[brand];
}
