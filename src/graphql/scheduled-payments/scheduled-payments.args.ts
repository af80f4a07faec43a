import { ArgsType, Field, ID } from 'type-graphql';
import { ScheduledPaymentStatus } from '../../domain/scheduled-payments/scheduled-payment.entity';
import { CustomerProviderListArgs } from '../node/customer-provider.args';

@ArgsType()
export class ScheduledPaymentsArgs extends CustomerProviderListArgs {
  @Field(() => [ScheduledPaymentStatus], { nullable: true, description: 'Any of these statuses; omitted or empty means any.' })
  status?: ScheduledPaymentStatus[];

  @Field(() => ID, { nullable: true })
  orderId?: string;

  @Field(() => Date, { nullable: true, description: 'Only payments due strictly after this instant.' })
  scheduledAfter?: Date;

  @Field(() => Date, { nullable: true, description: 'Only payments due strictly before this instant.' })
  scheduledBefore?: Date;
}
