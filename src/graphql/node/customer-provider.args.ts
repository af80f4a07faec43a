import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { ListArgs } from './created-range.args';

/** The filters shared by lists of what a customer holds at a provider: payment methods, payouts, scheduled payments. */
@ArgsType()
export class CustomerProviderListArgs extends ListArgs {
  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  provider?: string;
}
