import { parseAmountRange, parseMetadataFilter } from '../common/list-filters.input';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { listTransactions } from '../../domain/transactions/transaction.queries';
import { availableActions, TransactionAction } from '../../domain/transactions/available-actions';
import { ConnectionArgs, toConnection, type ConnectionShape } from '../common/connection';
import type { Context } from '../context';
import { CustomerType } from '../customers/customer.type';
import { filterId, loadByGlobalId, loadRelated, pageArgs, readingEm, readingSite } from '../node/read-helpers';
import { OrderType } from '../orders/order.type';
import { PaymentMethodType } from '../payment-methods/payment-method.type';
import { RefundConnection, RefundType } from '../refunds/refund.type';
import { TransactionEventConnection, TransactionEventType } from './transaction-event.type';
import { TransactionsArgs } from './transactions.args';
import { TransactionConnection, TransactionType } from './transaction.type';

type Parent = TransactionType;

@Resolver(() => TransactionType)
export class TransactionResolver {
  @Query(() => TransactionType, { nullable: true, description: 'A transaction of the acting site; null when not found.' })
  transaction(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<TransactionType | null> {
    readingSite(ctx);
    return loadByGlobalId(ctx.loaders.transaction, id, 'Transaction', TransactionType.from);
  }

  @Query(() => TransactionConnection, { nullable: true, description: 'Transactions of the acting site, newest first.' })
  async transactions(@Args() args: TransactionsArgs, @Ctx() ctx: Context): Promise<ConnectionShape<TransactionType>> {
    const filter = {
      ...args,
      statuses: args.status,
      kinds: args.kind,
      orderId: filterId(args.orderId, 'Order', 'orderId'),
      customerId: filterId(args.customerId, 'Customer', 'customerId'),
      paymentMethodId: filterId(args.paymentMethodId, 'PaymentMethod', 'paymentMethodId'),
      amount: parseAmountRange(args.amount),
      metadata: parseMetadataFilter(args.metadata),
    };
    return toConnection(await listTransactions(readingEm(ctx), filter, pageArgs(args)), TransactionType.from);
  }

  @FieldResolver(() => [TransactionAction], { description: "What a client may do with this payment now, from its status and the provider's capabilities." })
  availableActions(@Root() tx: Parent, @Ctx() { deps }: Context): TransactionAction[] {
    return deps.providers.has(tx.provider) ? availableActions(tx.row, deps.providers.module(tx.provider).facets) : [];
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => OrderType, { nullable: true })
  order(@Root() tx: Parent, @Ctx() { loaders }: Context): Promise<OrderType | null> {
    return loadRelated(loaders.order, tx.orderDbId, OrderType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => CustomerType, { nullable: true })
  customer(@Root() tx: Parent, @Ctx() { loaders }: Context): Promise<CustomerType | null> {
    return loadRelated(loaders.customer, tx.customerDbId, CustomerType.from);
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => PaymentMethodType, { nullable: true })
  paymentMethod(@Root() tx: Parent, @Ctx() { loaders }: Context): Promise<PaymentMethodType | null> {
    return loadRelated(loaders.paymentMethod, tx.paymentMethodDbId, PaymentMethodType.from);
  }

  @FieldResolver(() => TransactionEventConnection, { description: 'The history of this transaction, oldest first.' })
  async events(@Root() tx: Parent, @Args() args: ConnectionArgs, @Ctx() { loaders }: Context): Promise<ConnectionShape<TransactionEventType>> {
    const page = await loaders.eventsOfTransaction(pageArgs(args)).load(tx.dbId);
    return toConnection(page, (event) => TransactionEventType.from(event, tx.currency));
  }

  @Authorized(Scope.READ)
  @FieldResolver(() => RefundConnection, { nullable: true, description: 'Refunds of this transaction, newest first.' })
  async refunds(@Root() tx: Parent, @Args() args: ConnectionArgs, @Ctx() { loaders }: Context): Promise<ConnectionShape<RefundType>> {
    return toConnection(await loaders.refundsOfTransaction(pageArgs(args)).load(tx.dbId), RefundType.from);
  }
}
