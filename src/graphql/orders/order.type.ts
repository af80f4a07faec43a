import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { OrderStatus, type Order } from '../../domain/orders/order.entity';
import { ConnectionType } from '../common/connection';
import { Money } from '../common/money.type';
import { Node } from '../common/node';
import { RecordNode, recordFields } from '../common/record-node.type';

registerEnumType(OrderStatus, { name: 'OrderStatus', description: 'Where an order stands with respect to payment.' });

@ObjectType('Order', { implements: Node, description: 'Something a customer pays for; payments are its transactions.' })
export class OrderType extends RecordNode {
  /** The customer's database id, kept off the schema; the customer field loads it. */
  customerDbId!: string | null;

  @Field({ description: "The merchant's order number, unique per site." })
  reference!: string;

  @Field(() => Money)
  amount!: Money;

  @Field(() => OrderStatus)
  status!: OrderStatus;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Set when the order lives at a provider (e.g. paynearme).' })
  provider!: string | null;

  @Field(() => String, { nullable: true, description: "The provider's id for the order, when it lives there." })
  providerOrderId!: string | null;

  @Field(() => GraphQLJSONObject, { description: 'String key/value pairs set by the merchant.' })
  metadata!: Record<string, string>;

  static from(order: Order): OrderType {
    return Object.assign(new OrderType(), {
      ...recordFields('Order', order),
      customerDbId: order.customer?.id ?? null,
      reference: order.reference,
      amount: Money.of(BigInt(order.amountMinor), order.currency),
      status: order.status,
      description: order.description ?? null,
      provider: order.provider ?? null,
      providerOrderId: order.providerOrderId ?? null,
      metadata: order.metadata ?? {},
    });
  }
}

export const OrderConnection = ConnectionType(OrderType, 'Order');
