import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { createClientToken } from '../../domain/client-tokens/client-token.service';
import { Order } from '../../domain/orders/order.entity';
import { createPaymentMethod } from '../../domain/payment-methods/payment-method.service';
import { Scope } from '../../domain/sites/api-key.entity';
import { AuthError, InvalidInputError } from '../../kernel/errors';
import { runMutation } from '../common/mutation';
import type { Context } from '../context';
import { toRawCard } from '../payments/card.input';
import { dbId, loadResults, paymentsCall } from '../payments/payments-context';
import { CreateClientTokenInput, parseOrigins, TokenizeCardInput } from './client-token.input';
import { CreateClientTokenPayload, TokenizeCardPayload } from './client-token.payload';

@Resolver()
export class ClientTokenMutationsResolver {
  @Mutation(() => CreateClientTokenPayload, { nullable: true, description: 'Scope PAY, server keys. A token for a browser or app; see docs/client-tokens.md.' })
  async createClientToken(@Arg('input') input: CreateClientTokenInput, @Ctx() ctx: Context): Promise<CreateClientTokenPayload> {
    let plaintext: string | null = null;
    const result = await runMutation(ctx, { operation: 'createClientToken', scope: Scope.PAY, input }, async (tx) => {
      const cmd = {
        orderId: dbId(input.orderId, 'Order', ['input', 'orderId']),
        customerId: dbId(input.customerId, 'Customer', ['input', 'customerId']),
        allowedOrigins: parseOrigins(input.allowedOrigins),
        expiresInSeconds: input.expiresInSeconds,
      };
      const created = await createClientToken(tx, ctx.principal, cmd);
      plaintext = created.plaintext;
      return { clientTokenId: created.token.id, expiresAt: created.token.expiresAt.toISOString() };
    });
    return { clientToken: plaintext, expiresAt: new Date(String(result.expiresAt)), userErrors: [], replayed: result.replayed };
  }

  @Mutation(() => TokenizeCardPayload, { nullable: true, description: 'Client tokens only. The card goes to the provider; a single-use payment method comes back.' })
  async tokenizeCard(@Arg('input') input: TokenizeCardInput, @Ctx() ctx: Context): Promise<TokenizeCardPayload> {
    const grant = ctx.principal.clientToken;
    if (!grant) throw new AuthError('FORBIDDEN', 'tokenizeCard is for client tokens; a server saves a card with createPaymentMethod');
    const { env, principal, key } = paymentsCall(ctx, Scope.PAY, input);
    const order = grant.orderId ? await ctx.em.findOne(Order, { id: grant.orderId }) : null;
    const provider = input.provider ?? order?.provider;
    if (!provider) throw new InvalidInputError('PROVIDER_REQUIRED', "name the provider (the token's order does not live at one)", ['input', 'provider']);
    const cmd = { provider, card: toRawCard(input.card), customerId: grant.customerId, orderId: grant.orderId, clientTokenId: grant.id };
    const { response, replayed } = await createPaymentMethod(env, principal, cmd, key);
    return { paymentMethod: (await loadResults(ctx, response)).paymentMethod, userErrors: [], replayed };
  }
}
