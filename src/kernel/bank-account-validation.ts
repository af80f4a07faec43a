import { InvalidInputError } from './errors';

export interface RawBankAccount {
  routingNumber: string;
  accountNumber: string;
  checkNumber?: string;
  /** yyyy-mm-dd */
  checkDate?: string;
  holderName?: string;
  email?: string;
}

/**
 * The ABA routing number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) is a multiple of 10
 * (the American Bankers Association's routing number rule). A 9-digit string of zeros is not a bank.
 */
export function abaValid(routingNumber: string): boolean {
  if (!/^\d{9}$/.test(routingNumber) || /^0+$/.test(routingNumber)) return false;
  const d = [...routingNumber].map(Number);
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}

/**
 * Checks a bank account before anything is written or sent. Messages never repeat the account number: it is
 * treated like a card number (only its last four are kept).
 */
export function validateBankAccount(account: RawBankAccount, field: string[]): void {
  if (!abaValid(account.routingNumber)) {
    throw new InvalidInputError('INVALID_ROUTING_NUMBER', 'the routing number is not a valid 9-digit ABA routing number', [...field, 'routingNumber']);
  }
  if (!/^\d{4,17}$/.test(account.accountNumber)) {
    throw new InvalidInputError('INVALID_ACCOUNT_NUMBER', 'the account number must be 4 to 17 digits', [...field, 'accountNumber']);
  }
  if (account.checkNumber !== undefined && !/^\d{1,22}$/.test(account.checkNumber)) {
    throw new InvalidInputError('INVALID_CHECK_NUMBER', 'the check number must be 1 to 22 digits', [...field, 'checkNumber']);
  }
  if (account.checkDate !== undefined && !validDate(account.checkDate)) {
    throw new InvalidInputError('INVALID_CHECK_DATE', 'the check date must be a date, yyyy-mm-dd', [...field, 'checkDate']);
  }
}

function validDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}
