import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Order } from '../../domain/orders/order.entity';
import { OrderService } from '../../domain/orders/order.service';
import { Scope } from '../../domain/sites/api-key.entity';
import { idOf } from '../common/global-id';
import { parseMetadata } from '../common/metadata-input';
import { parseMoneyInput } from '../common/money-input';
import { loadWritten, runMutation } from '../common/mutation';
import type { Context } from '../context';
import { CreateOrderInput } from './order.input';
import { CreateOrderPayload } from './order.payload';
import { OrderType } from './order.type';

@Resolver()
export class OrderMutationsResolver {
  @Mutation(() => CreateOrderPayload, { nullable: true, description: 'Scope PAY. A reference already used by this site is DUPLICATE_REFERENCE.' })
  async createOrder(@Arg('input') input: CreateOrderInput, @Ctx() ctx: Context): Promise<CreateOrderPayload> {
    const result = await runMutation(ctx, { operation: 'createOrder', scope: Scope.PAY, input }, async (tx) => {
      const order = await new OrderService(tx).create({
        reference: input.reference,
        amount: parseMoneyInput(input.amount, ['input', 'amount']),
        customerGiven: input.customerId !== undefined && input.customerId !== null,
        customerId: input.customerId ? idOf(input.customerId, 'Customer') : undefined,
        description: input.description ?? undefined,
        metadata: parseMetadata(input.metadata, ['input', 'metadata']),
      });
      return { orderId: order.id };
    });
    return { order: await loadWritten(ctx, Order, result.orderId, OrderType.from), userErrors: [], replayed: result.replayed };
  }
}
