import { Field, InputType } from 'type-graphql';
import { InvalidInputError } from '../../kernel/errors';
import { MoneyParseError, parseCurrency, toMinor } from '../../kernel/money';
import type { AmountRange } from '../../domain/read/read-filters';
import { CurrencyCode } from './currency.enum';
import { METADATA_LIMITS } from './metadata-input';

const DECIMAL = /^\d+(\.\d+)?$/;

@InputType('AmountRangeInput', { description: 'Amounts in one currency between min and max, both inclusive and optional (decimal strings).' })
export class AmountRangeInput {
  @Field(() => CurrencyCode)
  currency!: string;

  @Field(() => String, { nullable: true, description: 'At least this amount, e.g. "10.00".' })
  min?: string;

  @Field(() => String, { nullable: true, description: 'At most this amount.' })
  max?: string;
}

@InputType('MetadataFilterInput', { description: 'A metadata key that must hold exactly this value.' })
export class MetadataFilterInput {
  @Field()
  key!: string;

  @Field()
  value!: string;
}

/** The range in minor units; a bound with more decimals than the currency has, or min above max, is refused. */
export function parseAmountRange(input: AmountRangeInput | undefined | null, field = 'amount'): AmountRange | undefined {
  if (!input) return undefined;
  const bound = (value: string | undefined | null, name: 'min' | 'max') => {
    if (value === undefined || value === null) return undefined;
    // Checked here: class-validator does not look inside an input object nested in query arguments.
    if (value.length > 32 || !DECIMAL.test(value)) {
      throw new InvalidInputError('INVALID_AMOUNT', `${name} must be a decimal string such as "10.55"`, [field, name]);
    }
    try {
      return toMinor(value, parseCurrency(input.currency));
    } catch (error) {
      if (error instanceof MoneyParseError) throw new InvalidInputError(error.problem, error.message, [field, name]);
      throw error;
    }
  };
  const range = { currency: input.currency, minMinor: bound(input.min, 'min'), maxMinor: bound(input.max, 'max') };
  if (range.minMinor !== undefined && range.maxMinor !== undefined && range.minMinor > range.maxMinor) {
    throw new InvalidInputError('INVALID_RANGE', 'min is above max', [field, 'min']);
  }
  return range;
}

/** Key → value; the same key twice with two values could never match, so it is refused. */
export function parseMetadataFilter(entries: MetadataFilterInput[] | undefined | null, field = 'metadata'): Record<string, string> | undefined {
  if (!entries?.length) return undefined;
  if (entries.length > METADATA_LIMITS.entries) throw new InvalidInputError('INVALID_METADATA', `at most ${METADATA_LIMITS.entries} metadata keys`, [field]);
  const wanted: Record<string, string> = {};
  for (const { key, value } of entries) {
    if (key.length > METADATA_LIMITS.keyLength || value.length > METADATA_LIMITS.valueLength) {
      throw new InvalidInputError('INVALID_METADATA', `metadata keys are at most ${METADATA_LIMITS.keyLength} characters, values ${METADATA_LIMITS.valueLength}`, [field]);
    }
    if (key in wanted && wanted[key] !== value) throw new InvalidInputError('INVALID_METADATA', `metadata key given twice with different values`, [field]);
    wanted[key] = value;
  }
  return wanted;
}
