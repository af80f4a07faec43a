import { CURRENCY_CODES } from '../../domain/money';
import type { ProviderCapabilities } from '../provider';
import { twoDecimalCurrencies } from './mapping';

export const CARDGATEWAY_KEY = 'cardgateway';

/**
 * What the platform does (card-rest-gateway.md "Payment Model & Operations"): one capture per
 * preauthorization, for its amount or less; reversal of an uncaptured authorization; one refund per
 * transaction ("not possible to refund the same transaction more than once"), up to the captured amount.
 */
export const CARDGATEWAY_CAPABILITIES: ProviderCapabilities = {
  sale: true,
  authorizeCapture: true,
  partialCapture: true,
  multipleCaptures: false,
  void: true,
  refunds: true,
  partialRefunds: true,
  multipleRefunds: false,
  payouts: true,
  savedMethods: true,
  tokenizeWithPayment: true,
  nativeScheduling: false,
  fees: false,
  transfers: false,
  providerOrders: false,
  redirectPayments: false,
  threeDSecure: true,
  callbacks: true,
  statusByReference: true,
  currencies: twoDecimalCurrencies(CURRENCY_CODES),
  // The platform's amount is "digits.dd"; its sandbox, like the platform's examples, takes at most 12 digits.
  maxMajorDigits: 12,
};
