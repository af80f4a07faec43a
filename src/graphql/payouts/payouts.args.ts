import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { PayoutStatus } from '../../domain/payouts/payout.entity';
import { ListArgs } from '../node/created-range.args';

@ArgsType()
export class PayoutsArgs extends ListArgs {
  @Field(() => [PayoutStatus], { nullable: true, description: 'Any of these statuses; omitted or empty means any.' })
  status?: PayoutStatus[];

  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  provider?: string;
}
