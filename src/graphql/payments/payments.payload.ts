import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../common/user-error.type';
import { PaymentMethodType } from '../payment-methods/payment-method.type';
import { PaymentOperationType } from './payment-operation.type';
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

const OPERATION = 'The capture or cancellation this request sent. Its status OUTCOME_UNKNOWN means the provider did not answer: the payment stays as it was until the gateway learns the outcome.';

@ObjectType()
export class CapturePaymentPayload extends MutationPayload {
  @Field(() => TransactionType, { nullable: true, description: 'The payment; capturedAmount counts only captures the provider confirmed.' })
  transaction?: TransactionType | null;

  @Field(() => PaymentOperationType, { nullable: true, description: OPERATION })
  operation?: PaymentOperationType | null;
}

@ObjectType()
export class CancelPaymentPayload extends MutationPayload {
  @Field(() => TransactionType, { nullable: true })
  transaction?: TransactionType | null;

  @Field(() => PaymentOperationType, { nullable: true, description: OPERATION })
  operation?: PaymentOperationType | null;
}

@ObjectType()
export class RefundPaymentPayload extends MutationPayload {
  @Field(() => RefundType, { nullable: true, description: 'The refund this request sent; status OUTCOME_UNKNOWN: the provider did not answer and the gateway is asking it.' })
  refund?: RefundType | null;

  @Field(() => TransactionType, { nullable: true })
  transaction?: TransactionType | null;
}

@ObjectType()
export class CreatePayoutPayload extends MutationPayload {
  @Field(() => PayoutType, { nullable: true, description: 'The payout this request sent; status OUTCOME_UNKNOWN: the provider did not answer and the gateway is asking it.' })
  payout?: PayoutType | null;
}

@ObjectType()
export class CapturePayoutPayload extends MutationPayload {
  @Field(() => PayoutType, { nullable: true, description: 'The payout; SUCCEEDED once paid out, DECLINED (with userErrors) when the provider refused.' })
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

@ObjectType()
export class SelectTransferFeePayload extends MutationPayload {
  @Field(() => TransactionType, { nullable: true, description: 'The payment, completed with the chosen fee (or OUTCOME_UNKNOWN while the gateway asks the provider).' })
  transaction?: TransactionType | null;
}
