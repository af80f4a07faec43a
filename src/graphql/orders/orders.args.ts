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
}
