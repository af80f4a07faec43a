import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { pay } from '../../domain/payments/pay.service';
import { cancelPayment, capturePayment } from '../../domain/payments/payment-operation.service';
import { selectTransferFee } from '../../domain/payments/select-fee.service';
import { Scope } from '../../domain/sites/api-key.entity';
import type { Context } from '../context';
import { PayInput, toPayCommand } from './pay.input';
import { CancelPaymentInput, CapturePaymentInput, SelectTransferFeeInput } from './payment-operations.input';
import { CancelPaymentPayload, CapturePaymentPayload, PayPayload, SelectTransferFeePayload } from './payments.payload';
import { dbId, loadResults, money, paymentsCall } from './payments-context';

@Resolver()
export class PaymentMutationsResolver {
  @Mutation(() => PayPayload, { nullable: true, description: 'Scope PAY. A sale, or an authorization (captureLater). A decline is status DECLINED, not an error.' })
  async pay(@Arg('input') input: PayInput, @Ctx() ctx: Context): Promise<PayPayload> {
    const { env, principal, key } = paymentsCall(ctx, Scope.PAY, input);
    const { response, replayed, written } = await pay(env, principal, toPayCommand(input), key);
    return { ...(await loadResults(ctx, response, written)), userErrors: [], replayed };
  }

  @Mutation(() => CapturePaymentPayload, { nullable: true, description: 'Scope PAY. Captures an AUTHORIZED payment, fully or partly; never above what was authorized.' })
  async capturePayment(@Arg('input') input: CapturePaymentInput, @Ctx() ctx: Context): Promise<CapturePaymentPayload> {
    const { env, principal, key } = paymentsCall(ctx, Scope.PAY, input);
    const transactionId = dbId(input.transactionId, 'Transaction', ['input', 'transactionId'])!;
    const amount = money(input.amount, ['input', 'amount']);
    const { response, replayed, written } = await capturePayment(env, principal, { transactionId, amount, final: input.final }, key);
    const { transaction, operation } = await loadResults(ctx, response, written);
    return { transaction, operation, userErrors: [], replayed };
  }

  @Mutation(() => CancelPaymentPayload, { nullable: true, description: 'Scope PAY. Voids an AUTHORIZED payment that has nothing captured.' })
  async cancelPayment(@Arg('input') input: CancelPaymentInput, @Ctx() ctx: Context): Promise<CancelPaymentPayload> {
    const { env, principal, key } = paymentsCall(ctx, Scope.PAY, input);
    const transactionId = dbId(input.transactionId, 'Transaction', ['input', 'transactionId'])!;
    const { response, replayed } = await cancelPayment(env, principal, { transactionId }, key);
    const { transaction, operation } = await loadResults(ctx, response);
    return { transaction, operation, userErrors: [], replayed };
  }

  @Mutation(() => SelectTransferFeePayload, {
    nullable: true,
    description: 'Scope PAY. Chooses one of the fee options a payment in AWAITING_FEE_SELECTION offers, and completes it with that fee; once per payment, before nextAction.expiresAt.',
  })
  async selectTransferFee(@Arg('input') input: SelectTransferFeeInput, @Ctx() ctx: Context): Promise<SelectTransferFeePayload> {
    const { env, principal, key } = paymentsCall(ctx, Scope.PAY, input);
    const transactionId = dbId(input.transactionId, 'Transaction', ['input', 'transactionId'])!;
    const { response, replayed } = await selectTransferFee(env, principal, { transactionId, feeOptionId: input.feeOptionId }, key);
    const { transaction } = await loadResults(ctx, response);
    return { transaction, userErrors: [], replayed };
  }
}
