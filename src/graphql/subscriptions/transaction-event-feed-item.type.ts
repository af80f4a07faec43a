import { Field, ObjectType } from 'type-graphql';
import { TransactionEventType } from '../transactions/transaction-event.type';

@ObjectType('TransactionEventFeedItem', { description: 'One event of the events subscription, with the cursor to resume after it.' })
export class TransactionEventFeedItem {
  /** The event's transaction (database id), loaded by the field resolver. */
  transactionDbId!: string;

  @Field({ description: 'The same cursor as Transaction.events gives this event: pass it as events(after:) to resume after it.' })
  cursor!: string;

  @Field(() => TransactionEventType)
  event!: TransactionEventType;
}
