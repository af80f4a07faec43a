import { parseMetadataFilter } from '../common/list-filters.input';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { listCustomers } from '../../domain/customers/customer.queries';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../common/connection';
import type { Context } from '../context';
import { loadByGlobalId, pageArgs, readingEm, readingSite } from '../node/read-helpers';
import { OrderConnection, OrderType } from '../orders/order.type';
import { PaymentMethodConnection, PaymentMethodType } from '../payment-methods/payment-method.type';
import { PayoutConnection, PayoutType } from '../payouts/payout.type';
import { ScheduledPaymentConnection, ScheduledPaymentType } from '../scheduled-payments/scheduled-payment.type';
import { TransactionConnection, TransactionType } from '../transactions/transaction.type';
import { CustomersArgs } from './customers.args';
import { CustomerConnection, CustomerType } from './customer.type';

type Parent = CustomerType;

@Resolver(() => CustomerType)
export class CustomerResolver {
  @Query(() => CustomerType, { nullable: true, description: 'A customer of the acting site; null when not found.' })
  customer(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CustomerType | null> {
    readingSite(ctx);
    return loadByGlobalId(ctx.loaders.customer, id, 'Customer', CustomerType.from);
  }

  @Query(() => CustomerConnection, { nullable: true, description: 'Customers of the acting site, newest first.' })
  async customers(@Args() args: CustomersArgs, @Ctx() ctx: Context): Promise<ConnectionShape<CustomerType>> {
    const filter = { ...args, metadata: parseMetadataFilter(args.metadata) };
    return toConnection(await listCustomers(readingEm(ctx), filter, pageArgs(args)), CustomerType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => OrderConnection, { nullable: true, description: 'Newest first.' })
  async orders(@Root() c: Parent, @Args() args: ConnectionArgs, @Ctx() ctx: Context): Promise<ConnectionShape<OrderType>> {
    return toConnection(await ctx.loaders.ordersOfCustomer(pageArgs(args)).load(c.dbId), OrderType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => PaymentMethodConnection, { nullable: true, description: 'Saved methods, removed ones included (see status), newest first.' })
  async paymentMethods(@Root() c: Parent, @Args() args: ConnectionArgs, @Ctx() ctx: Context): Promise<ConnectionShape<PaymentMethodType>> {
    return toConnection(await ctx.loaders.paymentMethodsOfCustomer(pageArgs(args)).load(c.dbId), PaymentMethodType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => TransactionConnection, { nullable: true, description: 'Newest first.' })
  async transactions(@Root() c: Parent, @Args() args: ConnectionArgs, @Ctx() ctx: Context): Promise<ConnectionShape<TransactionType>> {
    return toConnection(await ctx.loaders.transactionsOfCustomer(pageArgs(args)).load(c.dbId), TransactionType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => ScheduledPaymentConnection, { nullable: true, description: 'Newest first.' })
  async scheduledPayments(
    @Root() c: Parent,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionShape<ScheduledPaymentType>> {
    return toConnection(await ctx.loaders.scheduledPaymentsOfCustomer(pageArgs(args)).load(c.dbId), ScheduledPaymentType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => PayoutConnection, { nullable: true, description: 'Newest first.' })
  async payouts(@Root() c: Parent, @Args() args: ConnectionArgs, @Ctx() ctx: Context): Promise<ConnectionShape<PayoutType>> {
    return toConnection(await ctx.loaders.payoutsOfCustomer(pageArgs(args)).load(c.dbId), PayoutType.from);
  }
}
