import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { createPaymentMethod, removePaymentMethod } from '../../domain/payment-methods/payment-method.service';
import { createPayout, PAYOUT_REFUSAL_FIELDS } from '../../domain/payouts/payout.service';
import { CAPTURE_PAYOUT_REFUSAL_FIELDS, capturePayout } from '../../domain/payouts/capture-payout.service';
import { REFUND_REFUSAL_FIELDS, refundPayment } from '../../domain/refunds/refund.service';
import { Scope } from '../../domain/sites/api-key.entity';
import { parseMoneyInput } from '../common/money-input';
import type { Context } from '../context';
import { toRawCard } from './card.input';
import { RefundPaymentInput } from './payment-operations.input';
import { CapturePayoutInput, CreatePaymentMethodInput, CreatePayoutInput, RemovePaymentMethodInput, toPayoutCommand } from './payout-and-methods.input';
import { CapturePayoutPayload, CreatePaymentMethodPayload, CreatePayoutPayload, RefundPaymentPayload, RemovePaymentMethodPayload } from './payments.payload';
import { dbId, loadResults, money, paymentsCall, refusalOf } from './payments-context';
import { Payout } from '../../domain/payouts/payout.entity';
import { Refund } from '../../domain/refunds/refund.entity';

@Resolver()
export class MoneyMovementMutationsResolver {
  @Mutation(() => RefundPaymentPayload, { nullable: true, description: 'Scope REFUND. Refunds up to what was captured and not yet refunded. A provider that validates refunds first (paysafecard) and refuses one answers userErrors (its code, the field it concerns, its text); the refund is then DECLINED.' })
  async refundPayment(@Arg('input') input: RefundPaymentInput, @Ctx() ctx: Context): Promise<RefundPaymentPayload> {
    const { env, principal, key } = paymentsCall(ctx, Scope.REFUND, input);
    const transactionId = dbId(input.transactionId, 'Transaction', ['input', 'transactionId'])!;
    const amount = money(input.amount, ['input', 'amount']);
    const { response, replayed, written } = await refundPayment(env, principal, { transactionId, amount, reason: input.reason ?? undefined }, key);
    const { refund, transaction } = await loadResults(ctx, response, written);
    return { refund, transaction, userErrors: await refusalOf(ctx, Refund, response.refundId, refund, REFUND_REFUSAL_FIELDS), replayed };
  }

  @Mutation(() => CreatePayoutPayload, { nullable: true, description: 'Scope PAYOUT. Sends money to a card, saved method or the customer\'s account at the provider; a decline is status DECLINED. A provider that validates payouts first (paysafecard) and refuses one also answers userErrors (its code, the field it concerns, its text).' })
  async createPayout(@Arg('input') input: CreatePayoutInput, @Ctx() ctx: Context): Promise<CreatePayoutPayload> {
    const { env, principal, key } = paymentsCall(ctx, Scope.PAYOUT, input);
    const { response, replayed } = await createPayout(env, principal, toPayoutCommand(input), key);
    const { payout } = await loadResults(ctx, response);
    return { payout, userErrors: await refusalOf(ctx, Payout, response.payoutId, payout, PAYOUT_REFUSAL_FIELDS), replayed };
  }

  @Mutation(() => CapturePayoutPayload, { nullable: true, description: 'Scope PAYOUT. Pays out a VALIDATED payout (createPayout validateOnly), once; any other state is a userError.' })
  async capturePayout(@Arg('input') input: CapturePayoutInput, @Ctx() ctx: Context): Promise<CapturePayoutPayload> {
    const { env, principal, key } = paymentsCall(ctx, Scope.PAYOUT, input);
    const payoutId = dbId(input.payoutId, 'Payout', ['input', 'payoutId'])!;
    const { response, replayed } = await capturePayout(env, principal, { payoutId }, key);
    const { payout } = await loadResults(ctx, response);
    return { payout, userErrors: await refusalOf(ctx, Payout, response.payoutId, payout, CAPTURE_PAYOUT_REFUSAL_FIELDS), replayed };
  }

  @Mutation(() => CreatePaymentMethodPayload, { nullable: true, description: 'Scope PAY. Saves a card at the provider (its token, never the number); optionally charges it.' })
  async createPaymentMethod(@Arg('input') input: CreatePaymentMethodInput, @Ctx() ctx: Context): Promise<CreatePaymentMethodPayload> {
    const { env, principal, key } = paymentsCall(ctx, Scope.PAY, input);
    const charge = input.charge ? { amount: parseMoneyInput(input.charge.amount, ['input', 'charge', 'amount']), capture: !input.charge.captureLater } : undefined;
    const customerId = dbId(input.customerId, 'Customer', ['input', 'customerId']);
    const orderId = dbId(input.orderId, 'Order', ['input', 'orderId']);
    const { response, replayed } = await createPaymentMethod(env, principal, { provider: input.provider, card: toRawCard(input.card), customerId, orderId, charge }, key);
    const { paymentMethod, transaction } = await loadResults(ctx, response);
    return { paymentMethod, transaction, userErrors: [], replayed };
  }

  @Mutation(() => RemovePaymentMethodPayload, { nullable: true, description: 'Scope PAY. The method can no longer be paid with; the provider is asked to forget the token.' })
  async removePaymentMethod(@Arg('input') input: RemovePaymentMethodInput, @Ctx() ctx: Context): Promise<RemovePaymentMethodPayload> {
    const { env, principal, key } = paymentsCall(ctx, Scope.PAY, input);
    const paymentMethodId = dbId(input.paymentMethodId, 'PaymentMethod', ['input', 'paymentMethodId'])!;
    const { response, replayed } = await removePaymentMethod(env, principal, { paymentMethodId }, key);
    return { paymentMethod: (await loadResults(ctx, response)).paymentMethod, userErrors: [], replayed };
  }
}
