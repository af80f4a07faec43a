import { InvalidInputError } from '../../kernel/errors';
import { MoneyParseError, parsePositiveMoney, type Money } from '../../kernel/money';
import type { MoneyInput } from './money.type';

/** Amounts are stored as PostgreSQL bigint minor units; anything above cannot be a real payment anyway. */
export const MAX_AMOUNT_MINOR = 2n ** 63n - 1n;

/**
 * MoneyInput → exact Money (bigint minor units). Parse failures become a userError pointing at the field that
 * is wrong, e.g. ["input", "amount", "amount"] for "10.555" EUR, so a form can highlight it.
 */
export function parseMoneyInput(input: MoneyInput, fieldPath: string[]): Money {
  let money: Money;
  try {
    money = parsePositiveMoney(input.amount, input.currency);
  } catch (error) {
    if (!(error instanceof MoneyParseError)) throw error;
    const field = error.problem === 'UNKNOWN_CURRENCY' ? 'currency' : 'amount';
    throw new InvalidInputError(error.problem, error.message, [...fieldPath, field]);
  }
  if (money.amountMinor > MAX_AMOUNT_MINOR) {
    throw new InvalidInputError('INVALID_AMOUNT', 'amount is too large', [...fieldPath, 'amount']);
  }
  return money;
}
