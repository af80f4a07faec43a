import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-error.type';
import { OrderType } from './order.type';

@ObjectType()
export class CreateOrderPayload extends MutationPayload {
  @Field(() => OrderType, { nullable: true })
  order?: OrderType | null;
}
