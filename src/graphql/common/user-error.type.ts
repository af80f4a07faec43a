import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An expected failure of a mutation: bad input, not found, not allowed in this state.' })
export class UserError {
  @Field({ description: 'Stable machine-readable code, e.g. NOT_FOUND, TOO_MANY_DECIMALS, IDEMPOTENCY_KEY_REUSED.' })
  code!: string;

  @Field(() => [String], { nullable: true, description: 'Path to the input field at fault, e.g. ["input", "amount"].' })
  field?: string[];

  @Field()
  message!: string;
}

/** Base of every mutation payload; never used directly, so it is not emitted into the schema. */
@ObjectType('MutationPayloadBase')
export abstract class MutationPayload {
  @Field(() => [UserError])
  userErrors: UserError[] = [];

  @Field({ description: 'True when this response was stored under the idempotency key and is being replayed.' })
  replayed: boolean = false;
}
