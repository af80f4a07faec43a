import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { PayoutStatus, type Payout } from '../../domain/payouts/payout.entity';
import { ConnectionType } from '../common/connection';
import { toGlobalId } from '../common/global-id';
import { Money } from '../common/money.type';
import { Node } from '../common/node';

registerEnumType(PayoutStatus, { name: 'PayoutStatus' });

@ObjectType('Payout', { implements: Node, description: 'Money sent from the merchant to a customer.' })
export class PayoutType extends Node {
  /** Database ids, kept off the schema; field resolvers load relations by them. */
  dbId!: string;
  customerDbId!: string | null;
  paymentMethodDbId!: string | null;

  @Field()
  provider!: string;

  @Field(() => Money)
  amount!: Money;

  @Field(() => PayoutStatus)
  status!: PayoutStatus;

  @Field({ description: 'Our reference sent to the provider.' })
  reference!: string;

  @Field(() => String, { nullable: true })
  providerPayoutId!: string | null;

  @Field(() => String, { nullable: true })
  failureCode!: string | null;

  @Field(() => String, { nullable: true })
  failureReason!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  static from(payout: Payout): PayoutType {
    return Object.assign(new PayoutType(), {
      id: toGlobalId('Payout', payout.id),
      dbId: payout.id,
      customerDbId: payout.customer?.id ?? null,
      paymentMethodDbId: payout.paymentMethod?.id ?? null,
      provider: payout.provider,
      amount: Money.of(BigInt(payout.amountMinor), payout.currency),
      status: payout.status,
      reference: payout.reference,
      providerPayoutId: payout.providerPayoutId ?? null,
      failureCode: payout.failureCode ?? null,
      failureReason: payout.failureReason ?? null,
      createdAt: payout.createdAt,
      updatedAt: payout.updatedAt,
    });
  }
}

export const PayoutConnection = ConnectionType(PayoutType, 'Payout');
