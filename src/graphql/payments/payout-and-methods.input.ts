import { IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { PayoutCommand } from '../../domain/payouts/payout.service';
import { parseMoneyInput } from '../common/money-input';
import { MoneyInput } from '../common/money.type';
import { MutationInput } from '../common/mutation';
import { CardInput, toRawCard } from './card.input';
import { dbId } from './payments-context';

@InputType()
export class CreatePayoutInput extends MutationInput {
  @Field(() => String, { nullable: true, description: 'Defaults to the saved method\'s provider.' })
  @IsOptional()
  @Length(1, 64)
  provider?: string | null;

  @Field(() => MoneyInput)
  @ValidateNested()
  amount!: MoneyInput;

  @Field(() => CardInput, { nullable: true, description: 'The card to pay out to; or paymentMethodId.' })
  @IsOptional()
  @ValidateNested()
  card?: CardInput | null;

  @Field(() => ID, { nullable: true })
  paymentMethodId?: string | null;

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
    card: input.card ? toRawCard(input.card) : undefined,
    paymentMethodId: dbId(input.paymentMethodId, 'PaymentMethod', ['input', 'paymentMethodId']),
    customerId: dbId(input.customerId, 'Customer', ['input', 'customerId']),
    description: input.description ?? undefined,
    validateOnly: input.validateOnly,
  };
}
