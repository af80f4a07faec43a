import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { ApiKey, Scope } from '../../domain/sites/api-key.entity';
import { ApiKeyService, requireSiteAdmin } from '../../domain/sites/api-key.service';
import { idOf } from '../common/global-id';
import { loadWritten, runMutation } from '../common/mutation';
import type { Context } from '../context';
import { CreateApiKeyInput, RevokeApiKeyInput } from './api-key.input';
import { CreateApiKeyPayload, RevokeApiKeyPayload } from './api-key.payload';
import { ApiKeyType } from './api-key.type';

@Resolver()
export class ApiKeyMutationsResolver {
  @Mutation(() => CreateApiKeyPayload, { nullable: true, description: 'Scope ADMIN, site keys only. Returns the new key once.' })
  async createApiKey(@Arg('input') input: CreateApiKeyInput, @Ctx() ctx: Context): Promise<CreateApiKeyPayload> {
    requireSiteAdmin(ctx.principal);
    let plaintext: string | null = null;
    const result = await runMutation(ctx, { operation: 'createApiKey', scope: Scope.ADMIN, input }, async (tx) => {
      const created = await new ApiKeyService(tx).create(input.name, input.scopes);
      plaintext = created.plaintext;
      return { apiKeyId: created.apiKey.id };
    });
    return { apiKey: await loadWritten(ctx, ApiKey, result.apiKeyId, ApiKeyType.from), key: plaintext, userErrors: [], replayed: result.replayed };
  }

  @Mutation(() => RevokeApiKeyPayload, { nullable: true, description: 'Scope ADMIN, site keys only.' })
  async revokeApiKey(@Arg('input') input: RevokeApiKeyInput, @Ctx() ctx: Context): Promise<RevokeApiKeyPayload> {
    requireSiteAdmin(ctx.principal);
    const result = await runMutation(ctx, { operation: 'revokeApiKey', scope: Scope.ADMIN, input }, async (tx) => {
      const revoked = await new ApiKeyService(tx).revoke(idOf(input.id, 'ApiKey'));
      return { apiKeyId: revoked.id };
    });
    return { apiKey: await loadWritten(ctx, ApiKey, result.apiKeyId, ApiKeyType.from), userErrors: [], replayed: result.replayed };
  }
}
