import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { CurrencyCode } from '../../kernel/money';
import type { TransactionEvent } from '../../domain/transactions/transaction-event.entity';
import { TransactionEventType as EventKind, type TransactionEventTypeValue } from '../../domain/transactions/transaction-event-type';
import { TransactionStatus } from '../../domain/transactions/transaction-status';
import { ConnectionType } from '../common/connection';
import { toGlobalId } from '../common/global-id';
import { Money } from '../common/money.type';
import { Node } from '../common/node';

/**
 * The GraphQL values are the stored spelling (late_success), not upper case: webhook payloads and the events feed
 * carry the same strings, and clients that compared them as strings before the enum keep working.
 */
export const TransactionEventTypeEnum = Object.fromEntries(Object.values(EventKind).map((v) => [v, v])) as { [V in TransactionEventTypeValue]: V };

registerEnumType(TransactionEventTypeEnum, {
  name: 'TransactionEventType',
  description: 'What a transaction history entry records; docs/codes.md says what each means and what to do.',
});

@ObjectType('TransactionEvent', {
  implements: Node,
  description: 'One entry of a transaction history: a status transition or a money movement. Never rewritten.',
})
export class TransactionEventType extends Node {
  @Field(() => TransactionEventTypeEnum, { description: 'What happened, as recorded by the gateway: a status change, a capture, a refund, a late provider answer.' })
  type!: TransactionEventTypeValue;

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
