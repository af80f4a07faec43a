import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { MoneyInput } from '../common/money.type';
import { MutationInput } from '../common/mutation';

@InputType()
export class CapturePaymentInput extends MutationInput {
  @Field(() => ID)
  transactionId!: string;

  @Field(() => MoneyInput, { nullable: true, description: 'Omit to capture everything still authorized.' })
  @IsOptional()
  @ValidateNested()
  amount?: MoneyInput | null;

  @Field({ defaultValue: false, description: 'Multi-capture providers: no further captures follow.' })
  final!: boolean;
}

@InputType()
export class CancelPaymentInput extends MutationInput {
  @Field(() => ID, { description: 'An AUTHORIZED payment with nothing captured.' })
  transactionId!: string;
}

@InputType()
export class RefundPaymentInput extends MutationInput {
  @Field(() => ID)
  transactionId!: string;

  @Field(() => MoneyInput, { nullable: true, description: 'Omit to refund everything captured and not yet refunded.' })
  @IsOptional()
  @ValidateNested()
  amount?: MoneyInput | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  reason?: string | null;
}

@InputType()
export class SelectTransferFeeInput extends MutationInput {
  @Field(() => ID, { description: 'A payment in AWAITING_FEE_SELECTION.' })
  transactionId!: string;

  @Field(() => ID, { description: "One of the payment's nextAction.feeOptions ids." })
  @MaxLength(200)
  feeOptionId!: string;
}
