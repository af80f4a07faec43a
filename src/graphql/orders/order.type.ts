import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { OrderStatus, type Order } from '../../domain/orders/order.entity';
import { ConnectionType } from '../common/connection';
import { Money } from '../common/money.type';
import { Node } from '../common/node';
import { RecordNode, recordNode } from '../common/record-node.type';

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
    const node = recordNode(OrderType, 'Order', order);
    node.customerDbId = order.customer?.id ?? null;
    node.reference = order.reference;
    node.amount = Money.of(BigInt(order.amountMinor), order.currency);
    node.status = order.status;
    node.description = order.description ?? null;
    node.provider = order.provider ?? null;
    node.providerOrderId = order.providerOrderId ?? null;
    node.metadata = order.metadata ?? {};
    return node;
  }
}

export const OrderConnection = ConnectionType(OrderType, 'Order');
