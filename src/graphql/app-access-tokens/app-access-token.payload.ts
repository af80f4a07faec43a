import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-error.type';

@ObjectType()
export class CreateAppAccessTokenPayload extends MutationPayload {
  @Field(() => String, {
    nullable: true,
    description: 'The token, shown this once (only its hash is kept): an idempotent replay returns null here; create another.',
  })
  accessToken?: string | null;

  @Field(() => Date, { nullable: true, description: 'After this the app needs a new token.' })
  expiresAt?: Date | null;
}
