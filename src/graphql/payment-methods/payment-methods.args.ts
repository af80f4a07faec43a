import { ArgsType, Field } from 'type-graphql';
import { PaymentMethodStatus, PaymentMethodType } from '../../domain/payment-methods/payment-method.entity';
import { CustomerProviderListArgs } from '../node/customer-provider.args';

@ArgsType()
export class PaymentMethodsArgs extends CustomerProviderListArgs {
  @Field(() => [PaymentMethodStatus], { nullable: true, description: 'Any of these statuses; omitted or empty means any.' })
  status?: PaymentMethodStatus[];

  @Field(() => [PaymentMethodType], { nullable: true, description: 'Any of these types; omitted or empty means any.' })
  type?: PaymentMethodType[];
}
