import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-error.type';
import { CustomerType } from './customer.type';

@ObjectType()
export class CreateCustomerPayload extends MutationPayload {
  @Field(() => CustomerType, { nullable: true })
  customer?: CustomerType | null;
}

@ObjectType()
export class UpdateCustomerPayload extends MutationPayload {
  @Field(() => CustomerType, { nullable: true })
  customer?: CustomerType | null;
}
