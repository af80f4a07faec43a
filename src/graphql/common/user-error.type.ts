import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { UserErrorCode, type UserErrorCodeValue } from '../../kernel/user-error-code';

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Every code a userError or a coded query error can carry; docs/codes.md says what each means and what to do.',
});

@ObjectType({ description: 'An expected failure of a mutation: bad input, not found, not allowed in this state.' })
export class UserError {
  @Field(() => UserErrorCode, { description: 'Stable machine-readable code, e.g. NOT_FOUND, TOO_MANY_DECIMALS, IDEMPOTENCY_KEY_REUSED.' })
  code!: UserErrorCodeValue;

  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "amount"].' })
  field?: string[];

  @Field({ description: "Client-safe text; for a provider's refusal, the provider's own text." })
  message!: string;

  @Field(() => String, { nullable: true, description: "The provider's own code (raw, provider-specific), or a failed call's (TIMEOUT, HTTP_503), when it is not code itself." })
  providerCode?: string | null;
}

/** Base of every mutation payload; never used directly, so it is not emitted into the schema. */
@ObjectType('MutationPayloadBase')
export abstract class MutationPayload {
  @Field(() => [UserError])
  userErrors: UserError[] = [];

  @Field({ description: 'True when this response was stored under the idempotency key and is being replayed.' })
  replayed: boolean = false;
}
