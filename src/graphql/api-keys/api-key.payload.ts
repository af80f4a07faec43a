import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-error.type';
import { ApiKeyType } from './api-key.type';

@ObjectType()
export class CreateApiKeyPayload extends MutationPayload {
  @Field(() => ApiKeyType, { nullable: true })
  apiKey?: ApiKeyType | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The key itself (pgk_…), shown this once. It is not stored, so an idempotent replay returns null here: if the ' +
      'response was lost, revoke the key and create another.',
  })
  key?: string | null;
}

@ObjectType()
export class RevokeApiKeyPayload extends MutationPayload {
  @Field(() => ApiKeyType, { nullable: true })
  apiKey?: ApiKeyType | null;
}
