import { IsOptional, ValidateNested } from 'class-validator';
import { Directive, Field, ID, InputType } from 'type-graphql';
import { BankAccountInput } from './bank-account.input';
import { CardInput } from './card.input';

/** Exactly one member (GraphQL's @oneOf, checked while validating the request). */
@Directive('@oneOf')
@InputType({ description: 'What pays: exactly one of its fields. A client token pays only with paymentMethodId (from tokenizeCard).' })
export class PaymentSourceInput {
  @Field(() => CardInput, { nullable: true, description: 'Card data, sent to the provider and never stored.' })
  @IsOptional()
  @ValidateNested()
  card?: CardInput | null;

  @Field(() => BankAccountInput, { nullable: true, description: 'A US bank account (ACH eCheck), for providers with bankAccountPayments.' })
  @IsOptional()
  @ValidateNested()
  bankAccount?: BankAccountInput | null;

  @Field(() => ID, { nullable: true, description: "A saved payment method (the provider's repeat flow), or a client token's single-use method from tokenizeCard." })
  paymentMethodId?: string | null;
}

/** Exactly one member (GraphQL's @oneOf, checked while validating the request). */
@Directive('@oneOf')
@InputType({ description: 'Where a payout goes: exactly one of its fields.' })
export class PayoutDestinationInput {
  @Field(() => CardInput, { nullable: true, description: 'The card to pay out to.' })
  @IsOptional()
  @ValidateNested()
  card?: CardInput | null;

  @Field(() => ID, { nullable: true, description: 'A saved payment method.' })
  paymentMethodId?: string | null;
}
