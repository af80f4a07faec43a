import { AmountRangeInput, MetadataFilterInput } from '../common/list-filters.input';
import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { OrderStatus } from '../../domain/orders/order.entity';
import { ListArgs } from '../node/created-range.args';

@ArgsType()
export class OrdersArgs extends ListArgs {
  @Field(() => [OrderStatus], { nullable: true, description: 'Any of these statuses; omitted or empty means any.' })
  status?: OrderStatus[];

  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => String, { nullable: true, description: 'Provider key, for orders that live at a provider.' })
  @IsOptional()
  @MaxLength(64)
  provider?: string;

  @Field(() => String, { nullable: true, description: "The merchant's order number, exact." })
  @IsOptional()
  @MaxLength(255)
  reference?: string;

  @Field(() => AmountRangeInput, { nullable: true, description: 'Only amounts in this currency and range.' })
  amount?: AmountRangeInput;

  @Field(() => [MetadataFilterInput], { nullable: true, description: 'Only items whose metadata holds every given key with exactly its value.' })
  metadata?: MetadataFilterInput[];
}
