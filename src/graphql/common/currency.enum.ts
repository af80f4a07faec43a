import { registerEnumType } from 'type-graphql';
import { CURRENCY_CODES } from '../../kernel/money';

/** ISO 4217 codes as a GraphQL enum, so an unknown currency is a validation error before any resolver runs. */
export const CurrencyCode = Object.fromEntries(CURRENCY_CODES.map((c) => [c, c])) as Record<string, string>;

registerEnumType(CurrencyCode, { name: 'CurrencyCode', description: 'ISO 4217 currency code' });
