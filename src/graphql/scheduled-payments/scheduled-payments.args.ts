import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { ScheduledPaymentStatus } from '../../domain/scheduled-payments/scheduled-payment.entity';
import { ListArgs } from '../node/created-range.args';

@ArgsType()
export class ScheduledPaymentsArgs extends ListArgs {
  @Field(() => [ScheduledPaymentStatus], { nullable: true, description: 'Any of these statuses; omitted or empty means any.' })
  status?: ScheduledPaymentStatus[];

  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => ID, { nullable: true })
  orderId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  provider?: string;

  @Field(() => Date, { nullable: true, description: 'Only payments due strictly after this instant.' })
  scheduledAfter?: Date;

  @Field(() => Date, { nullable: true, description: 'Only payments due strictly before this instant.' })
  scheduledBefore?: Date;
}
