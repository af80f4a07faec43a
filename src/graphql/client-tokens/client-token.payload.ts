import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-error.type';
import { PaymentMethodType } from '../payment-methods/payment-method.type';

@ObjectType()
export class CreateClientTokenPayload extends MutationPayload {
  @Field(() => String, {
    nullable: true,
    description:
      'The token (pgct_…), shown this once; hand it to the browser or app. It is not stored, so an idempotent replay ' +
      'returns null here: create another.',
  })
  clientToken?: string | null;

  @Field(() => Date, { nullable: true })
  expiresAt?: Date | null;
}

@ObjectType()
export class TokenizeCardPayload extends MutationPayload {
  @Field(() => PaymentMethodType, { nullable: true, description: 'Single-use: pay with it once (pay with source: { paymentMethodId }).' })
  paymentMethod?: PaymentMethodType | null;
}
