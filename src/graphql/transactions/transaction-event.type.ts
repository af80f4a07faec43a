import { Field, ObjectType } from 'type-graphql';
import type { CurrencyCode } from '../../kernel/money';
import type { TransactionEvent } from '../../domain/transactions/transaction-event.entity';
import { TransactionStatus } from '../../domain/transactions/transaction-status';
import { ConnectionType } from '../common/connection';
import { toGlobalId } from '../common/global-id';
import { Money } from '../common/money.type';
import { Node } from '../common/node';

@ObjectType('TransactionEvent', {
  implements: Node,
  description: 'One entry of a transaction history: a status transition or a money movement. Never rewritten.',
})
export class TransactionEventType extends Node {
  @Field({ description: 'What happened, as recorded by the gateway: a status change, a capture, a refund, a provider callback.' })
  type!: string;

  @Field(() => TransactionStatus, { nullable: true })
  fromStatus!: TransactionStatus | null;

  @Field(() => TransactionStatus, { nullable: true })
  toStatus!: TransactionStatus | null;

  @Field(() => Money, { nullable: true, description: 'The amount moved by this event, in the transaction currency.' })
  amount!: Money | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field()
  createdAt!: Date;

  /** Events carry no currency of their own: amounts are in the parent transaction's currency. */
  static from(event: TransactionEvent, currency: CurrencyCode): TransactionEventType {
    return Object.assign(new TransactionEventType(), {
      id: toGlobalId('TransactionEvent', event.id),
      type: event.type,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      amount: event.amountMinor === undefined || event.amountMinor === null ? null : Money.of(BigInt(event.amountMinor), currency),
      message: event.message ?? null,
      createdAt: event.createdAt,
    });
  }
}

export const TransactionEventConnection = ConnectionType(TransactionEventType, 'TransactionEvent');
