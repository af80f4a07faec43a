import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-error.type';
import { PaymentMethodType } from '../payment-methods/payment-method.type';
import { PayoutType } from '../payouts/payout.type';
import { RefundType } from '../refunds/refund.type';
import { TransactionType } from '../transactions/transaction.type';

@ObjectType({ description: 'The payment: check transaction.status (DECLINED is a result, not an error) and transaction.nextAction.' })
export class PayPayload extends MutationPayload {
  @Field(() => TransactionType, { nullable: true })
  transaction?: TransactionType | null;

  @Field(() => PaymentMethodType, { nullable: true, description: 'Set when saveMethod was true and the provider returned a token.' })
  paymentMethod?: PaymentMethodType | null;
}

@ObjectType()
export class CapturePaymentPayload extends MutationPayload {
  @Field(() => TransactionType, { nullable: true })
  transaction?: TransactionType | null;
}

@ObjectType()
export class CancelPaymentPayload extends MutationPayload {
  @Field(() => TransactionType, { nullable: true })
  transaction?: TransactionType | null;
}

@ObjectType()
export class RefundPaymentPayload extends MutationPayload {
  @Field(() => RefundType, { nullable: true })
  refund?: RefundType | null;

  @Field(() => TransactionType, { nullable: true })
  transaction?: TransactionType | null;
}

@ObjectType()
export class CreatePayoutPayload extends MutationPayload {
  @Field(() => PayoutType, { nullable: true })
  payout?: PayoutType | null;
}

@ObjectType()
export class CreatePaymentMethodPayload extends MutationPayload {
  @Field(() => PaymentMethodType, { nullable: true })
  paymentMethod?: PaymentMethodType | null;

  @Field(() => TransactionType, { nullable: true, description: 'The charge, when charge was given.' })
  transaction?: TransactionType | null;
}

@ObjectType()
export class RemovePaymentMethodPayload extends MutationPayload {
  @Field(() => PaymentMethodType, { nullable: true })
  paymentMethod?: PaymentMethodType | null;
}
