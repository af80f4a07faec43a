import { IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { ScheduleCommand } from '../../domain/scheduled-payments/schedule-command';
import { parseMoneyInput } from '../common/money-input';
import { MoneyInput } from '../common/money.type';
import { MutationInput } from '../common/mutation';
import { dbId } from '../payments/payments-context';

@InputType({ description: 'A payment with a saved method at a future time, for an order or a customer.' })
export class SchedulePaymentInput extends MutationInput {
  @Field(() => MoneyInput)
  @ValidateNested()
  amount!: MoneyInput;

  @Field(() => ID, { nullable: true, description: 'The order it pays (open, in the same currency); give this or customerId.' })
  orderId?: string | null;

  @Field(() => ID, { nullable: true, description: "Defaults to the order's or the payment method's customer." })
  customerId?: string | null;

  @Field(() => ID, { description: 'An active saved method; its provider is the one that pays.' })
  paymentMethodId!: string;

  @Field({ description: 'When it is due; strictly in the future. A provider that schedules by calendar day takes a day after today (UTC).' })
  scheduledFor!: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(255)
  description?: string | null;
}

@InputType()
export class CancelScheduledPaymentInput extends MutationInput {
  @Field(() => ID)
  scheduledPaymentId!: string;
}

export function toScheduleCommand(input: SchedulePaymentInput): ScheduleCommand {
  return {
    amount: parseMoneyInput(input.amount, ['input', 'amount']),
    orderId: dbId(input.orderId, 'Order', ['input', 'orderId']),
    customerId: dbId(input.customerId, 'Customer', ['input', 'customerId']),
    paymentMethodId: dbId(input.paymentMethodId, 'PaymentMethod', ['input', 'paymentMethodId'])!,
    scheduledFor: input.scheduledFor,
    description: input.description ?? undefined,
  };
}
