import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { cancelScheduledPayment } from '../../domain/scheduled-payments/cancel-schedule.service';
import { schedulePayment } from '../../domain/scheduled-payments/schedule.service';
import { storedUserError, type ScheduleAnswer } from '../../domain/scheduled-payments/schedule-answer';
import { ScheduledPayment } from '../../domain/scheduled-payments/scheduled-payment.entity';
import { Scope } from '../../domain/sites/api-key.entity';
import { loadWritten } from '../common/mutation';
import { MutationPayload } from '../common/user-error.type';
import type { Context } from '../context';
import { dbId, paymentsCall } from '../payments/payments-context';
import { CancelScheduledPaymentInput, SchedulePaymentInput, toScheduleCommand } from './schedule-payment.input';
import { ScheduledPaymentType } from './scheduled-payment.type';

@ObjectType({ description: 'The scheduled payment; a refusal by the provider is a userError with its text, and the scheduled payment FAILED.' })
export class SchedulePaymentPayload extends MutationPayload {
  @Field(() => ScheduledPaymentType, { nullable: true })
  scheduledPayment?: ScheduledPaymentType | null;
}

@ObjectType()
export class CancelScheduledPaymentPayload extends MutationPayload {
  @Field(() => ScheduledPaymentType, { nullable: true })
  scheduledPayment?: ScheduledPaymentType | null;
}

async function payloadOf(ctx: Context, answer: { response: Record<string, unknown>; replayed: boolean }) {
  const { scheduledPaymentId, userError } = answer.response as ScheduleAnswer;
  const scheduledPayment = await loadWritten(ctx, ScheduledPayment, scheduledPaymentId, ScheduledPaymentType.from, ctx.em.fork());
  return { scheduledPayment, userErrors: userError ? [storedUserError(userError)] : [], replayed: answer.replayed };
}

@Resolver()
export class ScheduledPaymentMutationsResolver {
  @Mutation(() => SchedulePaymentPayload, { nullable: true, description: 'Scope PAY. Schedules a payment with a saved method, for every provider: the provider runs it natively where it can, else the gateway pays it at the due time.' })
  async schedulePayment(@Arg('input') input: SchedulePaymentInput, @Ctx() ctx: Context): Promise<SchedulePaymentPayload> {
    const { env, principal, key } = paymentsCall(ctx, Scope.PAY, input);
    return payloadOf(ctx, await schedulePayment(env, principal, ctx.deps.config.scheduling.clock, toScheduleCommand(input), key));
  }

  @Mutation(() => CancelScheduledPaymentPayload, { nullable: true, description: 'Scope PAY. Cancels a SCHEDULED payment before its due time; afterwards a userError PAYMENT_DATE_PASSED.' })
  async cancelScheduledPayment(@Arg('input') input: CancelScheduledPaymentInput, @Ctx() ctx: Context): Promise<CancelScheduledPaymentPayload> {
    const { env, principal, key } = paymentsCall(ctx, Scope.PAY, input);
    const scheduledPaymentId = dbId(input.scheduledPaymentId, 'ScheduledPayment', ['input', 'scheduledPaymentId'])!;
    return payloadOf(ctx, await cancelScheduledPayment(env, principal, ctx.deps.config.scheduling.clock, { scheduledPaymentId }, key));
  }
}
