import { IsOptional, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType, ID } from 'type-graphql';
import { MoneyInput } from '../common/money.type';
import { MutationInput } from '../common/mutation';

@InputType({ description: 'A new order of the acting site.' })
export class CreateOrderInput extends MutationInput {
  @Field({ description: "The merchant's order number, unique per site: 1–100 printable characters." })
  @Length(1, 100)
  @Matches(/^[^\p{Cc}]+$/u, { message: 'reference must not contain control characters' })
  reference!: string;

  @Field(() => MoneyInput, { description: 'More than zero, with no more decimals than the currency has.' })
  @ValidateNested()
  amount!: MoneyInput;

  @Field(() => ID, { nullable: true, description: "Global id of one of the acting site's customers." })
  @IsOptional()
  @Length(1, 200)
  customerId?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 1000 characters.' })
  @IsOptional()
  @MaxLength(1000)
  description?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'String key/value pairs (at most 50 keys of 40 characters, values of 500).' })
  metadata?: Record<string, unknown> | null;
}
