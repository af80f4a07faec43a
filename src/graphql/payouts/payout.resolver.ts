import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { listPayouts } from '../../domain/payouts/payout.queries';
import { toConnection, type ConnectionShape } from '../common/connection';
import type { Context } from '../context';
import { CustomerType } from '../customers/customer.type';
import { filterId, loadByGlobalId, loadRelated, pageArgs, readingEm, readingSite } from '../node/read-helpers';
import { PaymentMethodType } from '../payment-methods/payment-method.type';
import { PayoutsArgs } from './payouts.args';
import { PayoutConnection, PayoutType } from './payout.type';

@Resolver(() => PayoutType)
export class PayoutResolver {
  @Query(() => PayoutType, { nullable: true, description: 'A payout of the acting site; null when not found.' })
  payout(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PayoutType | null> {
    readingSite(ctx);
    return loadByGlobalId(ctx.loaders.payout, id, 'Payout', PayoutType.from);
  }

  @Query(() => PayoutConnection, { nullable: true, description: 'Payouts of the acting site, newest first.' })
  async payouts(@Args() args: PayoutsArgs, @Ctx() ctx: Context): Promise<ConnectionShape<PayoutType>> {
    const filter = { ...args, statuses: args.status, customerId: filterId(args.customerId, 'Customer', 'customerId') };
    return toConnection(await listPayouts(readingEm(ctx), filter, pageArgs(args)), PayoutType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => CustomerType, { nullable: true })
  customer(@Root() payout: PayoutType, @Ctx() { loaders }: Context): Promise<CustomerType | null> {
    return loadRelated(loaders.customer, payout.customerDbId, CustomerType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => PaymentMethodType, { nullable: true })
  paymentMethod(@Root() payout: PayoutType, @Ctx() { loaders }: Context): Promise<PaymentMethodType | null> {
    return loadRelated(loaders.paymentMethod, payout.paymentMethodDbId, PaymentMethodType.from);
  }
}
