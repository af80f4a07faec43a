import { parseAmountRange, parseMetadataFilter } from '../common/list-filters.input';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { listOrders } from '../../domain/orders/order.queries';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../common/connection';
import type { Context } from '../context';
import { CustomerType } from '../customers/customer.type';
import { filterId, loadByGlobalId, loadRelated, pageArgs, readingEm, readingSite } from '../node/read-helpers';
import { ScheduledPaymentConnection, ScheduledPaymentType } from '../scheduled-payments/scheduled-payment.type';
import { TransactionConnection, TransactionType } from '../transactions/transaction.type';
import { OrdersArgs } from './orders.args';
import { OrderConnection, OrderType } from './order.type';

@Resolver(() => OrderType)
export class OrderResolver {
  @Query(() => OrderType, { nullable: true, description: 'An order of the acting site; null when not found.' })
  order(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<OrderType | null> {
    readingSite(ctx);
    return loadByGlobalId(ctx.loaders.order, id, 'Order', OrderType.from);
  }

  @Query(() => OrderConnection, { nullable: true, description: 'Orders of the acting site, newest first.' })
  async orders(@Args() args: OrdersArgs, @Ctx() ctx: Context): Promise<ConnectionShape<OrderType>> {
    const filter = {
      ...args,
      statuses: args.status,
      customerId: filterId(args.customerId, 'Customer', 'customerId'),
      amount: parseAmountRange(args.amount),
      metadata: parseMetadataFilter(args.metadata),
    };
    const page = await listOrders(readingEm(ctx), filter, pageArgs(args));
    return toConnection(page, OrderType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => CustomerType, { nullable: true })
  customer(@Root() order: OrderType, @Ctx() { loaders }: Context): Promise<CustomerType | null> {
    return loadRelated(loaders.customer, order.customerDbId, CustomerType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => TransactionConnection, { nullable: true, description: 'Payment attempts for this order, newest first.' })
  async transactions(@Root() order: OrderType, @Args() args: ConnectionArgs, @Ctx() { loaders }: Context): Promise<ConnectionShape<TransactionType>> {
    return toConnection(await loaders.transactionsOfOrder(pageArgs(args)).load(order.dbId), TransactionType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => ScheduledPaymentConnection, { nullable: true, description: 'Payments scheduled for this order, newest first.' })
  async scheduledPayments(
    @Root() order: OrderType,
    @Args() args: ConnectionArgs,
    @Ctx() { loaders }: Context,
  ): Promise<ConnectionShape<ScheduledPaymentType>> {
    return toConnection(await loaders.scheduledPaymentsOfOrder(pageArgs(args)).load(order.dbId), ScheduledPaymentType.from);
  }
}
