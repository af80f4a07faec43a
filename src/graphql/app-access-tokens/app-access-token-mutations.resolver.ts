import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { issueAppAccessToken } from '../../domain/inbound/app-access-tokens';
import { Scope } from '../../domain/sites/api-key.entity';
import { actingSiteIdOf } from '../../domain/tenancy';
import { runMutation } from '../common/mutation';
import type { Context } from '../context';
import { dbId } from '../payments/payments-context';
import { CreateAppAccessTokenInput } from './app-access-token.input';
import { CreateAppAccessTokenPayload } from './app-access-token.payload';

@Resolver()
export class AppAccessTokenMutationsResolver {
  @Mutation(() => CreateAppAccessTokenPayload, {
    nullable: true,
    description:
      "Scope PAY. Your server has authenticated its customer its own way; the gateway issues the mobile app's access " +
      "token for that customer's device (Payneteasy \"Optional consumer authentication\"), valid 30 minutes. The app " +
      "sends it to the provider's inbound routes (docs/payneteasy.md), which refuse it from any other device.",
  })
  async createAppAccessToken(@Arg('input') input: CreateAppAccessTokenInput, @Ctx() ctx: Context): Promise<CreateAppAccessTokenPayload> {
    ctx.deps.providers.facet(input.provider, 'inboundRoutes', 'app access tokens');
    const customerId = dbId(input.customerId, 'Customer', ['input', 'customerId']);
    let issued: { accessToken: string; expiresAt: Date } | undefined;
    const result = await runMutation(ctx, { operation: 'createAppAccessToken', scope: Scope.PAY, input }, async (tx) => {
      issued = await issueAppAccessToken(tx, { siteId: actingSiteIdOf(tx)!, provider: input.provider, customerId, deviceId: input.deviceId });
      return { expiresAt: issued.expiresAt.toISOString() };
    });
    return { accessToken: issued?.accessToken ?? null, expiresAt: new Date(result.expiresAt), userErrors: [], replayed: result.replayed };
  }
}
