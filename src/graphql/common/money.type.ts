import { IsString, Matches, MaxLength } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { toDecimal, type CurrencyCode as Currency } from '../../kernel/money';
import { CurrencyCode } from './currency.enum';

@ObjectType({ description: 'An exact amount. amountMinor is integer minor units; amount is the same as a decimal.' })
export class Money {
  @Field({ description: 'Decimal string with exactly the currency\'s decimals, e.g. "10.55".' })
  amount!: string;

  @Field({ description: 'Integer minor units as a string, e.g. "1055".' })
  amountMinor!: string;

  @Field(() => CurrencyCode)
  currency!: string;

  static of(amountMinor: bigint, currency: Currency): Money {
    return { amount: toDecimal(amountMinor, currency), amountMinor: amountMinor.toString(), currency };
  }
}

@InputType({ description: 'An amount as a decimal string in the currency\'s unit, e.g. { amount: "10.55", currency: EUR }.' })
export class MoneyInput {
  @Field({ description: 'Decimal string; no more decimals than the currency has.' })
  @IsString()
  @MaxLength(32)
  @Matches(/^-?\d+(\.\d+)?$/, { message: 'amount must be a decimal string such as "10.55"' })
  amount!: string;

  @Field(() => CurrencyCode)
  currency!: string;
}
