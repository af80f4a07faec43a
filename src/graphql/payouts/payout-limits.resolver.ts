import { Arg, Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { payoutLimits } from '../../domain/payouts/payout-limits.service';
import type { PayoutLimits } from '../../providers/provider';
import { Money } from '../common/money.type';
import { paymentsEnvOf, type Context } from '../context';
import { readingSite } from '../node/read-helpers';

@ObjectType('PayoutLimits', { description: "The merchant's payout limits in one currency, as the provider keeps them." })
export class PayoutLimitsType {
  @Field() provider!: string;
  @Field(() => Money) dailyLimit!: Money;
  @Field(() => Money, { description: 'Paid out today.' }) dailyPaidOut!: Money;
  @Field(() => Money, { description: 'What can still be paid out today.' }) dailyRemaining!: Money;
  @Field(() => Money, { nullable: true }) totalPayments!: Money | null;
  @Field(() => Money, { nullable: true }) totalPayouts!: Money | null;

  static from(provider: string, l: PayoutLimits): PayoutLimitsType {
    const of = (m: PayoutLimits['dailyLimit']) => Money.of(m.amountMinor, m.currency);
    return { provider, dailyLimit: of(l.dailyLimit), dailyPaidOut: of(l.dailyPaidOut), dailyRemaining: of(l.dailyRemaining), totalPayments: l.totalPayments ? of(l.totalPayments) : null, totalPayouts: l.totalPayouts ? of(l.totalPayouts) : null };
  }
}

@Resolver()
export class PayoutLimitsResolver {
  @Query(() => PayoutLimitsType, { nullable: true, description: "Scope READ. The merchant's payout limits at a provider that keeps them (paysafecard), per currency." })
  async payoutLimits(@Arg('provider') provider: string, @Arg('currency') currency: string, @Ctx() ctx: Context): Promise<PayoutLimitsType> {
    const siteId = readingSite(ctx);
    return PayoutLimitsType.from(provider, await payoutLimits(paymentsEnvOf(ctx.deps, ctx.em), ctx.em, siteId, provider, currency));
  }
}
