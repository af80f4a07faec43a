import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { listPaymentMethods } from '../../domain/payment-methods/payment-method.queries';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../common/connection';
import type { Context } from '../context';
import { CustomerType } from '../customers/customer.type';
import { filterId, loadByGlobalId, loadRelated, pageArgs, readingEm, readingSite } from '../node/read-helpers';
import { TransactionConnection, TransactionType } from '../transactions/transaction.type';
import { PaymentMethodsArgs } from './payment-methods.args';
import { PaymentMethodConnection, PaymentMethodType } from './payment-method.type';

@Resolver(() => PaymentMethodType)
export class PaymentMethodResolver {
  @Query(() => PaymentMethodType, { nullable: true, description: 'A saved method of the acting site; null when not found.' })
  paymentMethod(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PaymentMethodType | null> {
    readingSite(ctx);
    return loadByGlobalId(ctx.loaders.paymentMethod, id, 'PaymentMethod', PaymentMethodType.from);
  }

  @Query(() => PaymentMethodConnection, { nullable: true, description: 'Saved methods of the acting site, newest first.' })
  async paymentMethods(@Args() args: PaymentMethodsArgs, @Ctx() ctx: Context): Promise<ConnectionShape<PaymentMethodType>> {
    const filter = { ...args, statuses: args.status, types: args.type, customerId: filterId(args.customerId, 'Customer', 'customerId') };
    return toConnection(await listPaymentMethods(readingEm(ctx), filter, pageArgs(args)), PaymentMethodType.from);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "How the customer's mobile app names this saved card to a provider it pays directly (Payneteasy clientCardId); null for other providers.",
  })
  clientCardId(@Root() method: PaymentMethodType, @Ctx() { deps }: Context): string | null {
    const provider = deps.providers.has(method.provider) ? deps.providers.module(method.provider) : undefined;
    return provider?.facets.inboundRoutes?.startSession ? method.dbId : null;
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => CustomerType, { nullable: true })
  customer(@Root() method: PaymentMethodType, @Ctx() { loaders }: Context): Promise<CustomerType | null> {
    return loadRelated(loaders.customer, method.customerDbId, CustomerType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => TransactionConnection, { nullable: true, description: 'Payments made with this method, newest first.' })
  async transactions(
    @Root() method: PaymentMethodType,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<TransactionType>> {
    return toConnection(await ctx.loaders.transactionsOfPaymentMethod(pageArgs(args)).load(method.dbId), TransactionType.from);
  }
}
