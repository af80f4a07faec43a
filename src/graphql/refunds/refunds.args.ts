import { ArgsType, Field, ID } from 'type-graphql';
import { RefundStatus } from '../../domain/refunds/refund.entity';
import { ListArgs } from '../node/created-range.args';

@ArgsType()
export class RefundsArgs extends ListArgs {
  @Field(() => [RefundStatus], { nullable: true, description: 'Any of these statuses; omitted or empty means any.' })
  status?: RefundStatus[];

  @Field(() => ID, { nullable: true })
  transactionId?: string;
}
