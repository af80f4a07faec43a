import { ConnectionArgs } from '../common/connection';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { listScheduledPayments } from '../../domain/scheduled-payments/scheduled-payment.queries';
import { toConnection, type ConnectionShape } from '../common/connection';
import type { Context } from '../context';
import { CustomerType } from '../customers/customer.type';
import { filterId, loadByGlobalId, loadRelated, pageArgs, readingEm, readingSite } from '../node/read-helpers';
import { OrderType } from '../orders/order.type';
import { PaymentMethodType } from '../payment-methods/payment-method.type';
import { TransactionType } from '../transactions/transaction.type';
import { ScheduledPaymentsArgs } from './scheduled-payments.args';
import { ScheduledPaymentConnection, ScheduledPaymentType } from './scheduled-payment.type';
import { ScheduledPaymentEventConnection, ScheduledPaymentEventType } from './scheduled-payment-event.type';

type Parent = ScheduledPaymentType;

@Resolver(() => ScheduledPaymentType)
export class ScheduledPaymentResolver {
  @Query(() => ScheduledPaymentType, { nullable: true, description: 'A scheduled payment of the acting site; null when not found.' })
  scheduledPayment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ScheduledPaymentType | null> {
    readingSite(ctx);
    return loadByGlobalId(ctx.loaders.scheduledPayment, id, 'ScheduledPayment', ScheduledPaymentType.from);
  }

  @Query(() => ScheduledPaymentConnection, { nullable: true, description: 'Scheduled payments of the acting site, newest first.' })
  async scheduledPayments(@Args() args: ScheduledPaymentsArgs, @Ctx() ctx: Context): Promise<ConnectionShape<ScheduledPaymentType>> {
    const filter = {
      ...args,
      statuses: args.status,
      customerId: filterId(args.customerId, 'Customer', 'customerId'),
      orderId: filterId(args.orderId, 'Order', 'orderId'),
    };
    return toConnection(await listScheduledPayments(readingEm(ctx), filter, pageArgs(args)), ScheduledPaymentType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => OrderType, { nullable: true })
  order(@Root() s: Parent, @Ctx() { loaders }: Context): Promise<OrderType | null> {
    return loadRelated(loaders.order, s.orderDbId, OrderType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => CustomerType, { nullable: true })
  customer(@Root() s: Parent, @Ctx() { loaders }: Context): Promise<CustomerType | null> {
    return loadRelated(loaders.customer, s.customerDbId, CustomerType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => PaymentMethodType, { nullable: true })
  paymentMethod(@Root() s: Parent, @Ctx() { loaders }: Context): Promise<PaymentMethodType | null> {
    return loadRelated(loaders.paymentMethod, s.paymentMethodDbId, PaymentMethodType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => TransactionType, { nullable: true, description: 'The payment made when it ran.' })
  transaction(@Root() s: Parent, @Ctx() { loaders }: Context): Promise<TransactionType | null> {
    return loadRelated(loaders.transaction, s.transactionDbId, TransactionType.from);
  }

  @FieldResolver(() => ScheduledPaymentEventConnection, { description: 'The history of this scheduled payment, oldest first.' })
  async history(@Root() s: Parent, @Args() args: ConnectionArgs, @Ctx() { loaders }: Context): Promise<ConnectionShape<ScheduledPaymentEventType>> {
    return toConnection(await loaders.eventsOfScheduledPayment(pageArgs(args)).load(s.dbId), ScheduledPaymentEventType.from);
  }
}
