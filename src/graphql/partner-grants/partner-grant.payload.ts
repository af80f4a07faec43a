import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-error.type';
import { PartnerGrantType } from './partner-grant.type';

@ObjectType()
export class GrantPartnerAccessPayload extends MutationPayload {
  @Field(() => PartnerGrantType, { nullable: true })
  grant?: PartnerGrantType | null;
}

@ObjectType()
export class RevokePartnerAccessPayload extends MutationPayload {
  @Field(() => PartnerGrantType, { nullable: true })
  grant?: PartnerGrantType | null;
}
