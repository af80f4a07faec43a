import { ArrayMaxSize, ArrayNotEmpty, IsEnum, Length } from 'class-validator';
import { Field, InputType, ID } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { MutationInput } from '../common/mutation';

@InputType({ description: 'Let a partner act for the acting site. Granting again replaces the scopes of the active grant.' })
export class GrantPartnerAccessInput extends MutationInput {
  @Field(() => ID, { description: "The partner's site id (global id of a Site, or its uuid)." })
  @Length(1, 200)
  partnerSiteId!: string;

  @Field(() => [Scope], { description: "The most the partner may do; its key's scopes are narrowed to these." })
  @ArrayNotEmpty()
  @ArrayMaxSize(5)
  @IsEnum(Scope, { each: true })
  scopes!: Scope[];
}

@InputType({ description: 'Withdraw a partner grant; the partner is refused from its next request.' })
export class RevokePartnerAccessInput extends MutationInput {
  @Field(() => ID, { description: 'Global id of the PartnerGrant.' })
  @Length(1, 200)
  id!: string;
}
