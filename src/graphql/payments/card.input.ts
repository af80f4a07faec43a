import { IsOptional, Length } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import type { RawCard } from '../../kernel/card-validation';

/**
 * Card data for one request. It goes to the provider and nowhere else: not stored, not logged, not echoed in
 * errors. Validation messages (INVALID_CARD_NUMBER, CARD_EXPIRED, INVALID_CVC) never repeat the value.
 */
@InputType()
export class CardInput {
  @Field({ description: 'The card number, digits only (12–19 digits, Luhn-valid).' })
  number!: string;

  @Field(() => Int, { description: '1–12.' })
  expMonth!: number;

  @Field(() => Int, { description: 'Four digits, e.g. 2030.' })
  expYear!: number;

  @Field(() => String, { nullable: true, description: 'CVV/CVC, 3 or 4 digits.' })
  cvc?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  holderName?: string | null;
}

export function toRawCard(card: CardInput): RawCard {
  return {
    number: card.number.replace(/[\s-]/g, ''),
    expMonth: card.expMonth,
    expYear: card.expYear,
    cvc: card.cvc ?? undefined,
    holderName: card.holderName ?? undefined,
  };
}

/**
 * Where card data may travel in the schema: input fields as `Type.field`. Logging and the edge guard redact and
 * allow card numbers by this position, never by what a client names its variables.
 */
export const CARD_DATA_FIELDS: ReadonlySet<string> = new Set(['CardInput.number', 'CardInput.cvc', 'BankAccountInput.accountNumber']);
export const CARD_DATA_TYPE = 'CardInput';
