import { IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { MutationInput } from '../common/mutation';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const PHONE = /^\+?[0-9][0-9 ()./-]{3,31}$/;

/** The customer fields both mutations accept. On update, an omitted field is kept and null clears it. */
@InputType('CustomerFieldsBase')
abstract class CustomerFieldsInput extends MutationInput {
  @Field(() => String, { nullable: true, description: "The merchant's own id for the customer; unique per site. 1–255 characters." })
  @IsOptional()
  @Length(1, 255)
  externalId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'At most 100 characters, like the other name fields.' })
  @IsOptional()
  @Length(1, 100)
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  middleName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601 date, e.g. "1990-04-30".' })
  @IsOptional()
  @Matches(DATE, { message: 'birthDate must be a date as YYYY-MM-DD' })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Digits, optionally with a leading + and spaces, dashes or brackets.' })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number such as +44 20 7946 0958' })
  phone?: string | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'String key/value pairs (at most 50 keys of 40 characters, values of 500). Replaces the whole map on update.',
  })
  metadata?: Record<string, unknown> | null;
}

@InputType({ description: 'A new customer of the acting site.' })
export class CreateCustomerInput extends CustomerFieldsInput {}

@InputType({ description: 'Change a customer of the acting site: omitted fields are kept, null clears a field.' })
export class UpdateCustomerInput extends CustomerFieldsInput {
  @Field(() => ID, { description: 'Global id of the Customer.' })
  @Length(1, 200)
  id!: string;
}
