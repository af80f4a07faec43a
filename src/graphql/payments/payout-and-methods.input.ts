import { IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { PayoutCommand } from '../../domain/payouts/payout.service';
import { parseMoneyInput } from '../common/money-input';
import { MoneyInput } from '../common/money.type';
import { MutationInput } from '../common/mutation';
import { CardInput, toRawCard } from './card.input';
import { dbId } from './payments-context';
import { PayoutDestinationInput } from './payment-source.input';

@InputType()
export class CreatePayoutInput extends MutationInput {
  @Field(() => String, { nullable: true, description: 'Defaults to the saved method\'s provider.' })
  @IsOptional()
  @Length(1, 64)
  provider?: string | null;

  @Field(() => MoneyInput)
  @ValidateNested()
  amount!: MoneyInput;

  @Field(() => PayoutDestinationInput, {
    nullable: true,
    description: "A card or a saved method (exactly one). Leave it out for providers that pay out to the customer's account there (paysafecard: customerId).",
  })
  @IsOptional()
  @ValidateNested()
  destination?: PayoutDestinationInput | null;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  description?: string | null;

  @Field({
    defaultValue: false,
    description: 'Providers that validate payouts first (paysafecard): only validate; the payout stays VALIDATED, nothing paid out, until capturePayout.',
  })
  validateOnly!: boolean;
}

@InputType()
export class CapturePayoutInput extends MutationInput {
  @Field(() => ID, { description: 'A VALIDATED payout (createPayout with validateOnly).' })
  payoutId!: string;
}

@InputType()
export class ChargeInput {
  @Field(() => MoneyInput)
  @ValidateNested()
  amount!: MoneyInput;

  @Field({ defaultValue: false, description: 'true: authorize only.' })
  captureLater!: boolean;
}

@InputType()
export class CreatePaymentMethodInput extends MutationInput {
  @Field()
  @Length(1, 64)
  provider!: string;

  @Field(() => CardInput)
  @ValidateNested()
  card!: CardInput;

  @Field(() => ID, { nullable: true })
  customerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The order the method is saved for, and the charge pays (required by PayNearMe, whose methods belong to an order).' })
  orderId?: string | null;

  @Field(() => ChargeInput, { nullable: true, description: 'Charge the card too: in the same provider call where the provider can (savedMethods.withPayment), otherwise right after saving it, as its own step sent once.' })
  @IsOptional()
  @ValidateNested()
  charge?: ChargeInput | null;
}

@InputType()
export class RemovePaymentMethodInput extends MutationInput {
  @Field(() => ID)
  paymentMethodId!: string;
}

export function toPayoutCommand(input: CreatePayoutInput): PayoutCommand {
  return {
    provider: input.provider ?? undefined,
    amount: parseMoneyInput(input.amount, ['input', 'amount']),
    // destination is @oneOf: GraphQL validation let through at most one of these.
    card: input.destination?.card ? toRawCard(input.destination.card) : undefined,
    paymentMethodId: dbId(input.destination?.paymentMethodId, 'PaymentMethod', ['input', 'destination', 'paymentMethodId']),
    customerId: dbId(input.customerId, 'Customer', ['input', 'customerId']),
    description: input.description ?? undefined,
    validateOnly: input.validateOnly,
  };
}
