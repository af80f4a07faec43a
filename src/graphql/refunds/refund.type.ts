import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { RefundStatus, type Refund } from '../../domain/refunds/refund.entity';
import { ConnectionType } from '../common/connection';
import { MoneyMovementNode, movementFields } from '../common/money-movement.type';
import { Node } from '../common/node';

registerEnumType(RefundStatus, { name: 'RefundStatus' });

@ObjectType('Refund', { implements: Node, description: 'Money returned to the customer from a captured transaction.' })
export class RefundType extends MoneyMovementNode {
  /** Relation id, kept off the schema; the transaction field loads it. */
  transactionDbId!: string;

  @Field(() => RefundStatus)
  status!: RefundStatus;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => String, { nullable: true })
  providerTransactionId!: string | null;

  static from(refund: Refund): RefundType {
    return Object.assign(new RefundType(), {
      ...movementFields('Refund', refund),
      transactionDbId: refund.transaction.id,
      status: refund.status,
      reason: refund.reason ?? null,
      providerTransactionId: refund.providerTransactionId ?? null,
    });
  }
}

export const RefundConnection = ConnectionType(RefundType, 'Refund');
