import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { PaymentMethodStatus, PaymentMethodType } from '../../domain/payment-methods/payment-method.entity';
import { ListArgs } from '../node/created-range.args';

@ArgsType()
export class PaymentMethodsArgs extends ListArgs {
  @Field(() => [PaymentMethodStatus], { nullable: true, description: 'Any of these statuses; omitted or empty means any.' })
  status?: PaymentMethodStatus[];

  @Field(() => [PaymentMethodType], { nullable: true, description: 'Any of these types; omitted or empty means any.' })
  type?: PaymentMethodType[];

  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(64)
  provider?: string;
}
