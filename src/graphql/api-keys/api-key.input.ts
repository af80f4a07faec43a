import { ArrayMaxSize, ArrayNotEmpty, IsEnum, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { MutationInput } from '../common/mutation';

@InputType({ description: 'A new API key for the acting site.' })
export class CreateApiKeyInput extends MutationInput {
  @Field({ description: 'A label to recognise the key by, e.g. "checkout server". 1–100 characters.' })
  @Length(1, 100)
  name!: string;

  @Field(() => [Scope], { description: 'What the key may do; ADMIN implies every other scope.' })
  @ArrayNotEmpty()
  @ArrayMaxSize(5)
  @IsEnum(Scope, { each: true })
  scopes!: Scope[];
}

@InputType({ description: 'Revoke one of the acting site\'s API keys; requests with it are refused from then on.' })
export class RevokeApiKeyInput extends MutationInput {
  @Field(() => ID, { description: 'Global id of the ApiKey.' })
  @Length(1, 200)
  id!: string;
}
