import { AmountRangeInput, MetadataFilterInput } from '../common/list-filters.input';
import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID } from 'type-graphql';
import { TransactionKind, TransactionStatus } from '../../domain/transactions/transaction-status';
import { ListArgs } from '../node/created-range.args';

@ArgsType()
export class TransactionsArgs extends ListArgs {
  @Field(() => [TransactionStatus], { nullable: true, description: 'Any of these statuses; omitted or empty means any.' })
  status?: TransactionStatus[];

  @Field(() => [TransactionKind], { nullable: true, description: 'Any of these kinds; omitted or empty means any.' })
  kind?: TransactionKind[];

  @Field(() => String, { nullable: true, description: 'Provider key (see the providers query).' })
  @IsOptional()
  @MaxLength(64)
  provider?: string;

  @Field(() => ID, { nullable: true })
  orderId?: string;

  @Field(() => ID, { nullable: true })
  customerId?: string;

  @Field(() => ID, { nullable: true })
  paymentMethodId?: string;

  @Field(() => Boolean, { nullable: true, description: "true: only payments a partner made on the site's behalf (PayNearMe 3PPP); false: only the site's own." })
  onBehalfOfPartner?: boolean;

  @Field(() => String, { nullable: true, description: 'Our reference sent to the provider, exact.' })
  @IsOptional()
  @MaxLength(255)
  reference?: string;

  @Field(() => AmountRangeInput, { nullable: true, description: 'Only amounts in this currency and range.' })
  amount?: AmountRangeInput;

  @Field(() => [MetadataFilterInput], { nullable: true, description: 'Only items whose metadata holds every given key with exactly its value.' })
  metadata?: MetadataFilterInput[];
}
