import { ArgsType, Field } from 'type-graphql';
import { PayoutStatus } from '../../domain/payouts/payout.entity';
import { CustomerProviderListArgs } from '../node/customer-provider.args';

@ArgsType()
export class PayoutsArgs extends CustomerProviderListArgs {
  @Field(() => [PayoutStatus], { nullable: true, description: 'Any of these statuses; omitted or empty means any.' })
  status?: PayoutStatus[];
}
