import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { RefundStatus, type Refund } from '../../domain/refunds/refund.entity';
import { ConnectionType } from '../common/connection';
import { toGlobalId } from '../common/global-id';
import { Money } from '../common/money.type';
import { Node } from '../common/node';

registerEnumType(RefundStatus, { name: 'RefundStatus' });

@ObjectType('Refund', { implements: Node, description: 'Money returned to the customer from a captured transaction.' })
export class RefundType extends Node {
  /** Database ids, kept off the schema; field resolvers load relations by them. */
  dbId!: string;
  transactionDbId!: string;

  @Field(() => Money)
  amount!: Money;

  @Field(() => RefundStatus)
  status!: RefundStatus;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field({ description: 'Our reference sent to the provider.' })
  reference!: string;

  @Field(() => String, { nullable: true })
  providerRefundId!: string | null;

  @Field(() => String, { nullable: true })
  failureCode!: string | null;

  @Field(() => String, { nullable: true })
  failureReason!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  static from(refund: Refund): RefundType {
    return Object.assign(new RefundType(), {
      id: toGlobalId('Refund', refund.id),
      dbId: refund.id,
      transactionDbId: refund.transaction.id,
      amount: Money.of(BigInt(refund.amountMinor), refund.currency),
      status: refund.status,
      reason: refund.reason ?? null,
      reference: refund.reference,
      providerRefundId: refund.providerRefundId ?? null,
      failureCode: refund.failureCode ?? null,
      failureReason: refund.failureReason ?? null,
      createdAt: refund.createdAt,
      updatedAt: refund.updatedAt,
    });
  }
}

export const RefundConnection = ConnectionType(RefundType, 'Refund');
