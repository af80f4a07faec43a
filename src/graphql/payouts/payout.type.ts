import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { PayoutStatus, type Payout } from '../../domain/payouts/payout.entity';
import { ConnectionType } from '../common/connection';
import { MoneyMovementNode, movementFields } from '../common/money-movement.type';
import { Node } from '../common/node';

registerEnumType(PayoutStatus, { name: 'PayoutStatus' });

@ObjectType('Payout', { implements: Node, description: 'Money sent from the merchant to a customer.' })
export class PayoutType extends MoneyMovementNode {
  /** Relation ids, kept off the schema; field resolvers load relations by them. */
  customerDbId!: string | null;
  paymentMethodDbId!: string | null;

  @Field()
  provider!: string;

  @Field(() => PayoutStatus)
  status!: PayoutStatus;

  @Field(() => String, { nullable: true })
  providerTransactionId!: string | null;

  static from(payout: Payout): PayoutType {
    return Object.assign(new PayoutType(), {
      ...movementFields('Payout', payout),
      customerDbId: payout.customer?.id ?? null,
      paymentMethodDbId: payout.paymentMethod?.id ?? null,
      provider: payout.provider,
      status: payout.status,
      providerTransactionId: payout.providerTransactionId ?? null,
    });
  }
}

export const PayoutConnection = ConnectionType(PayoutType, 'Payout');
