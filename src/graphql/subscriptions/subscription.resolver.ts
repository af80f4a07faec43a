import { Arg, Authorized, Ctx, FieldResolver, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Scope } from '../../domain/sites/api-key.entity';
import { OrderType } from '../orders/order.type';
import { PayoutType } from '../payouts/payout.type';
import { TransactionType } from '../transactions/transaction.type';
import { eventFeed, rowUpdates } from './live-rows';
import type { SubscriptionContext } from './subscription-context';
import { TransactionEventFeedItem } from './transaction-event-feed-item.type';

type Subscribing = SubscribeResolverData<unknown, { id?: string; after?: string | null }, SubscriptionContext>;

/**
 * Live status over WebSocket (graphql-ws; docs/subscriptions.md). Each subscription needs the read scope,
 * sees only the acting site, and refuses another site's id as not found when it starts.
 */
@Resolver()
export class SubscriptionResolver {
  @Authorized(Scope.READ)
  @Subscription(() => TransactionType, {
    description: 'The transaction now, then again each time an event is recorded on it.',
    subscribe: ({ args, context }: Subscribing) => rowUpdates(context, args.id!, { kind: 'Transaction', loader: (l) => l.transaction, toNode: TransactionType.from }),
  })
  transactionUpdated(@Root() transaction: TransactionType, @Arg('id', () => ID) _id: string): TransactionType {
    return transaction;
  }

  @Authorized(Scope.READ)
  @Subscription(() => OrderType, {
    description: 'The order now, then again each time its own row changes (status, description, metadata).',
    subscribe: ({ args, context }: Subscribing) => rowUpdates(context, args.id!, { kind: 'Order', loader: (l) => l.order, toNode: OrderType.from }),
  })
  orderUpdated(@Root() order: OrderType, @Arg('id', () => ID) _id: string): OrderType {
    return order;
  }

  @Authorized(Scope.READ)
  @Subscription(() => PayoutType, {
    description: 'The payout now, then again each time it changes.',
    subscribe: ({ args, context }: Subscribing) => rowUpdates(context, args.id!, { kind: 'Payout', loader: (l) => l.payout, toNode: PayoutType.from }),
  })
  payoutUpdated(@Root() payout: PayoutType, @Arg('id', () => ID) _id: string): PayoutType {
    return payout;
  }

  @Authorized(Scope.READ)
  @Subscription(() => TransactionEventFeedItem, {
    description:
      "Every transaction event of the acting site, oldest first: after `after` (a cursor from Transaction.events or from this feed) the stored ones, then live; without it, from the next event on. Resuming with the last cursor received loses nothing and repeats nothing.",
    subscribe: ({ args, context }: Subscribing) => eventFeed(context, args.after),
  })
  events(@Root() item: TransactionEventFeedItem, @Arg('after', () => String, { nullable: true }) _after?: string): TransactionEventFeedItem {
    return item;
  }
}

@Resolver(() => TransactionEventFeedItem)
export class TransactionEventFeedItemResolver {
  @FieldResolver(() => TransactionType, { description: 'The transaction as it is now (not as of the event).' })
  async transaction(@Root() item: TransactionEventFeedItem, @Ctx() { loaders }: SubscriptionContext): Promise<TransactionType> {
    return TransactionType.from((await loaders.transaction.load(item.transactionDbId))!);
  }
}
