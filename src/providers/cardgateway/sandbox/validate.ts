import { errorReply, type Reply } from './auth';
import { parseAmount } from './body';
import { checksumMatches, expectedChecksum } from './checksum';
import { RESULT } from './codes';
import { luhnValid } from './scenarios';
import type { SandboxMerchant } from './state';

export const invalid = (detail: string): Reply => errorReply(400, { code: RESULT.invalidRequest.code, description: `Invalid request: ${detail}` });

/** The checksum fields for this operation, recomputed with the merchant's secure key. */
export function checkChecksum(op: string, merchant: SandboxMerchant, fields: Record<string, string>, id: string): Reply | undefined {
  const expected = expectedChecksum(op, merchant.memberId, merchant.secureKey, { id, amount: fields['amount'] });
  return checksumMatches(fields['authentication.checksum'], expected) ? undefined : errorReply(400, RESULT.invalidChecksum);
}

export interface MoneyFields {
  amount: string;
  amountCents: bigint;
  currency: string;
}

export function readMoney(fields: Record<string, string>): MoneyFields | Reply {
  const amount = fields['amount'];
  const amountCents = parseAmount(amount);
  if (amountCents === undefined || amountCents <= 0n) return invalid('amount must be a positive amount with exactly two decimals, e.g. 50.00');
  const currency = fields['currency'];
  if (!currency || !/^[A-Z]{3}$/.test(currency)) return invalid('currency must be an ISO 4217 code');
  return { amount: amount!, amountCents, currency };
}

export interface CardFields {
  pan: string;
  expiryMonth: string;
  expiryYear: string;
  expired: boolean;
}

/** Card fields as the platform checks them; `cvvRequired` is false for payouts. */
export function readCard(fields: Record<string, string>, cvvRequired: boolean): CardFields | Reply {
  const pan = fields['card.number'] ?? '';
  if (!luhnValid(pan)) return invalid('card.number is not a valid card number');
  const expiryMonth = fields['card.expiryMonth'] ?? '';
  const expiryYear = fields['card.expiryYear'] ?? '';
  if (!/^(0[1-9]|1[0-2])$/.test(expiryMonth)) return invalid('card.expiryMonth must be two digits 01-12');
  if (!/^\d{4}$/.test(expiryYear)) return invalid('card.expiryYear must be four digits');
  const cvv = fields['card.cvv'];
  if (cvvRequired && !/^\d{3,4}$/.test(cvv ?? '')) return invalid('card.cvv must be 3 or 4 digits');
  const now = new Date();
  const expired = Number(expiryYear) * 12 + Number(expiryMonth) < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1;
  return { pan, expiryMonth, expiryYear, expired };
}

/** Customer fields the platform checks the format of: the birth date is yyyyMMdd in every public sample. */
export function checkCustomer(fields: Record<string, string>): Reply | undefined {
  const birthDate = fields['customer.birthDate'];
  if (birthDate === undefined) return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(birthDate);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.getUTCDate() !== Number(match![3]) || date.getUTCMonth() !== Number(match![2]) - 1) return invalid('customer.birthDate must be yyyyMMdd, e.g. 19900528');
  return undefined;
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'http' in value && 'body' in value;
}

export function optionalUrl(fields: Record<string, string>, name: string): string | undefined | Reply {
  const value = fields[name];
  if (value === undefined || value === '') return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return invalid(`${name} must be an http(s) URL`);
    return value;
  } catch {
    return invalid(`${name} must be an http(s) URL`);
  }
}
